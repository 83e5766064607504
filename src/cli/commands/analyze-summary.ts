/** What `analyze` parsed, per host and artifact (`parsed` in the JSON output). */
import type { ParsedHost } from '../../diagnosis/types.js';
import { manifestEntries } from '../../bundle/manifest-table.js';
import type { HostData } from '../../parsers/host-data.js';

/**
 * The first `max` of `list` that `keep` accepts, mapped, and how many more it
 * accepts: the rows past the JSON's cap are only counted, never built (100,000
 * empty logs made 100,000 rows that json-caps.ts then cut to 1,000).
 */
function capped<T, R>(list: Iterable<T>, max: number, map: (x: T) => R, keep: (x: T) => boolean = () => true): [R[], number] {
  const out: R[] = [];
  let more = 0;
  for (const x of list) {
    if (!keep(x)) continue;
    if (out.length < max) out.push(map(x));
    else more++;
  }
  return [out, more];
}

export function parseSummary(host: HostData, events: Map<string, number>, max = Infinity): ParsedHost {
  const parsed = new Set<string>();
  for (const a of host.artifacts) parsed.add(a.path);
  for (const l of host.logs) parsed.add(l.path);
  const count = (level: string, bundleOnly = false): number =>
    host.diagnostics.filter((d) => d.level === level && (!bundleOnly || d.origin !== 'parser')).length;
  const [artifacts, artifactsMore] = capped(host.artifacts, max, (a) => ({
    name: a.name,
    path: a.path,
    parser: a.parser,
    blocks: a.blocks.length,
    records: a.blocks.reduce((n, b) => n + (Array.isArray(b.result.data) ? b.result.data.length : b.result.data == null ? 0 : 1), 0),
    diagnostics: a.blocks.reduce((n, b) => n + b.result.diagnostics.length, 0),
  }));
  const [logs, logsMore] = capped(host.logs, max, (l) => ({
    path: l.path,
    parser: l.parser,
    lines: l.lines,
    events: events.get(l.path) ?? 0,
    firstMs: l.firstMs,
    lastMs: l.lastMs,
    diagnostics: l.diagnostics,
  }));
  const [unparsed, unparsedMore] = capped(
    manifestEntries(host.manifest),
    max,
    (e) => ({ name: e.name, path: e.path, status: String(e.status), reason: e.reason }),
    (e) => !e.path || !parsed.has(e.path),
  );
  return {
    host: host.id,
    hostname: host.hostname,
    tier: host.tier,
    bundle: host.bundle,
    window: { start: host.windowStartMs, end: host.windowEndMs },
    artifacts,
    logs,
    unparsed,
    diagnostics: {
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
      bundle: { error: count('error', true), warning: count('warning', true) },
    },
    // Where json-caps.ts put them: after the rest.
    ...(artifactsMore > 0 ? { artifactsMore } : {}),
    ...(logsMore > 0 ? { logsMore } : {}),
    ...(unparsedMore > 0 ? { unparsedMore } : {}),
  };
}
