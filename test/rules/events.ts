/**
 * Log events for event-driven rules: the signal catalogue's own sample lines
 * (real lines, each with its origin), through the real classifier and
 * timeline builder, dated one second apart from a fixed instant.
 */
import type { LogEvent } from '../../src/parsers/types.js';
import { SIGNAL_BY_ID } from '../../src/timeline/signals/index.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { FAMILY_SOURCE, kernelMessage } from '../timeline/helpers.js';
import { hostFrom, timelineOf } from './fixtures.js';
import type { CaseInput } from './rule-tester.js';

export const T0 = Date.parse('2026-11-26T05:00:00Z');

export function sampleEvents(signalIds: string[], startMs = T0): LogEvent[] {
  const out: LogEvent[] = [];
  for (const id of signalIds) {
    const def = SIGNAL_BY_ID.get(id);
    if (!def) throw new Error(`signal ${id} is not in the catalogue`);
    for (const s of def.samples) {
      const family = def.sources[0]!;
      const source = s.source ?? FAMILY_SOURCE[family];
      const message = family === 'kernel' ? kernelMessage(s.line) : s.line;
      out.push({
        time: startMs + out.length * 1000,
        timeQuality: 'exact',
        source,
        line: out.length + 1,
        message,
        ...(s.fields ? { fields: s.fields } : {}),
        ...(s.level ? { level: s.level } : {}),
        ...(s.program ? { program: s.program } : {}),
      });
    }
  }
  return out;
}

let emptyHost: HostData | null = null;

/** A host with no command artifacts and these signals' sample lines in its timeline. */
export function eventsInput(signalIds: string[], opts: { id?: string; tier?: string } = {}): CaseInput & { host: HostData } {
  emptyHost ??= hostFrom([]);
  const host = { ...emptyHost, id: opts.id ?? 'h1', tier: opts.tier ?? 'app' };
  return { host, timeline: timelineOf(host.id, sampleEvents(signalIds)) };
}

export const sampleOrigins = (ids: string[]): string =>
  ids
    .map(
      (id) =>
        `catalogue ${id}: ${SIGNAL_BY_ID.get(id)
          ?.samples.map((s) => s.origin)
          .join('; ')}`,
    )
    .join(' | ');
