/** Give a loaded host (and every host reference in its timeline partial) a new id. */
import type { LoadedHost } from './load-one.js';

export function renameHost(loaded: LoadedHost, id: string): void {
  loaded.host.id = id;
  const t = loaded.timeline;
  t.host = id;
  for (const s of t.signals) s.host = id;
  for (const e of t.events) e.host = id;
}
