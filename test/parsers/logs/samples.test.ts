/**
 * Every log parser's own samples (lnav-style): each is a real line with what
 * its parse must contain. Table-driven over the registry, so a new parser's
 * samples are tested without touching this file.
 */
import { describe, expect, it } from 'vitest';
import { LOG_PARSERS } from '../../../src/parsers/registry.js';
import { logEvent } from '../../../src/parsers/logs/lib/reader.js';
import { iso, runLines } from './run.js';

/** The one shape of every log event (reader.ts, logEvent): the code all events go through then reads one hidden class. */
const EVENT_KEYS = Object.keys(logEvent(null, 'unknown', '', 0, ''));

describe.each(LOG_PARSERS.map((p) => [p.id, p] as const))('%s samples', (_id, parser) => {
  it('has at least three samples, each with an origin', () => {
    expect(parser.samples.length).toBeGreaterThanOrEqual(3);
    for (const s of parser.samples) expect(s.origin).not.toBe('');
  });

  it.each(parser.samples.map((s, i) => [i, s] as const))('sample %i parses as stated', (_i, sample) => {
    const { events } = runLines(parser, sample.lines);
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    const e = sample.expect;
    if (e.time !== undefined) expect(iso(ev.time)).toBe(e.time);
    if (e.level !== undefined) expect(ev.level).toBe(e.level);
    if (e.program !== undefined) expect(ev.program).toBe(e.program);
    if (e.pid !== undefined) expect(ev.pid).toBe(e.pid);
    if (e.message !== undefined) expect(ev.message).toBe(e.message);
    for (const [k, v] of Object.entries(e.fields ?? {})) expect(ev.fields?.[k], k).toBe(v);
    expect(Object.keys(ev)).toEqual(EVENT_KEYS);
  });

  it('detects its own samples above zero', () => {
    const lines = parser.samples.flatMap((s) => s.lines);
    expect(parser.detect(lines)).toBeGreaterThan(0);
  });
});
