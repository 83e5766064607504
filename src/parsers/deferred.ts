/**
 * Deferred fields: a reader opened with `deferFields` may leave out of an
 * event the fields nobody reads unless the event is kept (an access line's
 * client, path, agent, timings: ~12 strings and numbers, of which the
 * timeline reads only the status; an nginx error entry's trailing
 * `client: …, server: …, request: …` pairs, which the timeline does not
 * read at all). The TimelineBuilder keeps a few events
 * per signal, and completes those; every other consumer gets whole events.
 */
import type { LogEvent } from './types.js';

/** The event with its whole fields: itself when nothing was deferred, else a copy with the deferral keys unset. */
export function completeFields(ev: LogEvent): LogEvent {
  if (ev.expand === undefined) return ev;
  // Same keys in the same order as any event (reader.ts, logEvent), the deferral ones undefined.
  return { ...ev, fields: ev.expand.fieldsOf(ev.raw ?? '', ev.fields), expand: undefined, raw: undefined };
}
