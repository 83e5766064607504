/**
 * Every registry rule has a lead-sentence phrase, and the phrase carries the
 * finding's own data (process, pid, device, threshold).
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { RULE_PHRASE, rulePhrase } from '../../src/render/cause-phrase.js';
import type { Finding } from '../../src/diagnosis/types.js';

const base = (rule: string, extra: Partial<Finding>): Finding =>
  ({
    id: `h:${rule}:x`,
    rule,
    host: 'h',
    tier: 'app',
    resource: 'cpu',
    signal: 'saturation',
    severity: 'critical',
    title: 'T',
    subject: 'host',
    onset: null,
    end: null,
    evidence: [],
    ...extra,
  }) as Finding;

describe('a cause phrase per rule', () => {
  it.each(RULES.map((r) => r.meta.id))('%s has a phrase', (id) => {
    expect(Object.hasOwn(RULE_PHRASE, id), `no phrase for rule ${id}`).toBe(true);
    const p = rulePhrase(base(id, {}));
    expect(p).toBeTruthy();
    expect(p).not.toMatch(/undefined|null|NaN/);
  });

  // "held by node (pid 3598) (peak 300)" read as two clauses: the process's pid and the peak share one parenthesis.
  it.each(RULES.map((r) => r.meta.id))('%s: one parenthesis at a time, with every part a finding may carry', (id) => {
    const full = base(id, { subject: 'sda', process: { command: 'node', pid: 3598 }, peak: { value: 300, threshold: 2, unit: 'sockets' } });
    const p = rulePhrase(full)!;
    expect(p).not.toContain(') (');
    if (p.includes('node')) expect(p).toContain('pid 3598');
  });

  it('names the process and pid holding CLOSE_WAIT sockets', () => {
    const p = rulePhrase(base('tcp-close-wait', { process: { command: 'node', pid: 123 } }));
    expect(p).toContain('CLOSE_WAIT');
    expect(p).toContain('node (pid 123)');
  });

  it('names the CPU count of a run queue beyond it', () => {
    const p = rulePhrase(base('cpu-saturation', { peak: { value: 7, threshold: 2, unit: 'runnable' } }));
    expect(p).toContain('beyond the 2 CPUs');
    expect(p).toContain('7');
  });

  it('names the device of a saturated disk', () => {
    expect(rulePhrase(base('disk-saturation', { subject: 'sda' }))).toContain('sda');
  });
});
