/**
 * The mechanism table is data: each edge must name rules and subjects that
 * exist (a renamed rule would otherwise silently cut the edge), carry a
 * source, and the table must have no cycle (a cause can't be its own victim).
 */
import { describe, expect, it } from 'vitest';
import { MECHANISMS, matches, type Match } from '../../src/diagnosis/mechanisms.js';
import { RULES } from '../../src/rules/registry.js';
import { SIGNALS } from '../../src/rules/signal-ids.js';

const RULE_IDS = new Set(RULES.map((r) => r.meta.id));
const SUBJECTS = new Set(Object.keys(SIGNALS));

/** Rules an end of an edge can match (subjects aside). */
const rulesOf = (m: Match): string[] =>
  RULES.filter((r) => matches({ ...m, subjects: undefined }, { rule: r.meta.id, resource: r.meta.resource, signal: r.meta.signal })).map((r) => r.meta.id);

describe('the mechanism table', () => {
  it('has unique ids and a source for every edge', () => {
    expect(new Set(MECHANISMS.map((e) => e.id)).size).toBe(MECHANISMS.length);
    for (const e of MECHANISMS) expect(e.source.length, e.id).toBeGreaterThan(20);
  });

  it('names only rules and log-signal subjects that exist, and each end matches some rule', () => {
    for (const e of MECHANISMS) {
      for (const end of [e.from, e.to]) {
        for (const r of end.rules ?? []) expect(RULE_IDS.has(r), `${e.id}: rule ${r}`).toBe(true);
        for (const s of end.subjects ?? []) expect(SUBJECTS.has(s), `${e.id}: subject ${s}`).toBe(true);
        expect(rulesOf(end), e.id).not.toEqual([]);
      }
    }
  });

  it('has no cycle between rules', () => {
    const next = new Map<string, Set<string>>();
    for (const e of MECHANISMS) for (const a of rulesOf(e.from)) for (const b of rulesOf(e.to)) if (a !== b) next.set(a, new Set([...(next.get(a) ?? []), b]));
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycle = (n: string): boolean => {
      if (done.has(n)) return false;
      if (visiting.has(n)) return true;
      visiting.add(n);
      const found = [...(next.get(n) ?? [])].some(cycle);
      visiting.delete(n);
      done.add(n);
      return found;
    };
    expect([...next.keys()].filter(cycle)).toEqual([]);
  });
});
