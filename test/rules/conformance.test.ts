/**
 * Every registered rule has complete meta, a docs section, and rows in the
 * rule tester's table (cases.ts) with a firing and a non-firing input, each a
 * recording in test/recordings (with its manifest entry) or the catalogue's
 * real sample lines.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { renderRule, renderRulesDoc } from '../../src/rules/docs.js';
import { SIGNALS } from '../../src/rules/signal-ids.js';
import { SIGNAL_BY_ID } from '../../src/timeline/signals/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { CASES } from './cases.js';
import { NOT_RECORDED_YET, RECORDINGS_DIR, isRecorded, readManifest } from './recordings.js';
import type { RuleCase } from './rule-tester.js';

/** The recordings stay small, as samples/ (test/recordings/README.md). */
const MAX_RECORDINGS_BYTES = 3 << 20;

const DOC = join(REPO_ROOT, 'docs', 'rules.md');

/**
 * Rules whose firing condition could not be produced for real on the
 * project's machines. Each still has its real non-firing case. This list only
 * shrinks: an entry whose rule gains a firing case fails the test. (Network
 * faults are made in network namespaces, system-wide limits are really filled:
 * docs/lab.md.)
 */
const NO_REAL_FIRING_INPUT_YET: Record<string, string> = {
  'cpu-steal':
    'steal needs a hypervisor running something else while a vCPU wants to run. This VM (Firecracker) shows no steal on demand, ' +
    'and its nested KVM cannot run a guest: a stock Debian kernel under qemu -enable-kvm boots at a fraction of real time and stops ' +
    '(KVM internal error, emulation failure on cmpxchg16b, then on xrstor with -cx16). No corpus file has %steal or st of 10% or more ' +
    '(sysstat, jc, percona-toolkit, insights-core scanned: at most 4.5%).',
};

/** A recording that exists with its manifest entry, or the catalogue's sample lines (events.ts); anything else is unknown. */
function inputKind(k: RuleCase): 'recording' | 'pending' | 'catalogue' | 'unknown' {
  if (isRecorded(k.input) && NOT_RECORDED_YET[k.input.recording])
    return existsSync(join(RECORDINGS_DIR, `${k.input.recording}.tar.gz`)) ? 'unknown' : 'pending';
  if (isRecorded(k.input))
    return existsSync(join(RECORDINGS_DIR, `${k.input.recording}.tar.gz`)) && readManifest()[k.input.recording] ? 'recording' : 'unknown';
  return k.origin.startsWith('catalogue ') ? 'catalogue' : 'unknown';
}

describe('rule conformance', () => {
  it('rule ids are unique', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      it('has complete meta; every option says where its default comes from', () => {
        const m = rule.meta;
        expect(m.id).toMatch(/^[a-z0-9-]+$/);
        expect(m.title.length).toBeGreaterThan(3);
        expect(m.explanation.length).toBeGreaterThan(80);
        expect(m.nextCommands.length).toBeGreaterThan(0);
        for (const [k, o] of Object.entries(m.options)) {
          expect(Number.isFinite(o.default), k).toBe(true);
          expect(o.source, k).toMatch(/Gregg|Netflix|\(ours\)|use-method reference/);
          expect(o.description.length, k).toBeGreaterThan(5);
        }
      });

      it('is documented in docs/rules.md', () => {
        expect(existsSync(DOC)).toBe(true);
        expect(readFileSync(DOC, 'utf8')).toContain(renderRule(rule));
      });

      it('has at least one real non-firing and one real firing case', () => {
        const c = CASES.find((x) => x.rule === rule.meta.id);
        expect(c, `no cases for ${rule.meta.id}`).toBeDefined();
        expect(c!.valid.length, `${rule.meta.id}: no non-firing case`).toBeGreaterThan(0);
        const pending = NO_REAL_FIRING_INPUT_YET[rule.meta.id];
        if (pending) {
          // Listed as pending: it must really have no firing case (remove it from the list once it does).
          expect(c!.invalid.length, `${rule.meta.id} has a firing case now: take it off NO_REAL_FIRING_INPUT_YET`).toBe(0);
        } else {
          expect(c!.invalid.length, `${rule.meta.id}: no firing case with real data yet`).toBeGreaterThan(0);
        }
        for (const k of [...c!.valid, ...c!.invalid]) expect(k.origin.length).toBeGreaterThan(5);
      });

      it('its inputs are recordings in test/recordings or catalogue sample lines', () => {
        const c = CASES.find((x) => x.rule === rule.meta.id)!;
        for (const k of [...c.valid, ...c.invalid]) expect(inputKind(k), k.name).not.toBe('unknown');
      });
    });
  }

  it('every case table names a registered rule', () => {
    for (const c of CASES)
      expect(
        RULES.some((r) => r.meta.id === c.rule),
        c.rule,
      ).toBe(true);
  });

  it('docs/rules.md is exactly what the metas generate (npm run docs rewrites it)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderRulesDoc(RULES));
  });

  it('every recording is used by a case, listed in the manifest with how, when and where, and the set stays small', () => {
    const manifest = readManifest();
    const files = readdirSync(RECORDINGS_DIR).filter((f) => f.endsWith('.tar.gz'));
    const used = new Set(
      CASES.flatMap((c) => [...c.valid, ...c.invalid]).flatMap((k) => (isRecorded(k.input) && !NOT_RECORDED_YET[k.input.recording] ? [k.input.recording] : [])),
    );
    for (const id of Object.keys(NOT_RECORDED_YET)) expect(files, `${id} is recorded now: take it off NOT_RECORDED_YET`).not.toContain(`${id}.tar.gz`);
    expect(files.map((f) => f.replace(/\.tar\.gz$/, '')).sort()).toEqual([...used].sort());
    expect(Object.keys(manifest).sort()).toEqual([...used].sort());
    for (const [id, e] of Object.entries(manifest)) {
      expect(e.how.length, id).toBeGreaterThan(20);
      expect(Date.parse(e.recordedAt), id).not.toBeNaN();
      expect(e.machine.kernel, id).toMatch(/^\d+\./);
      expect(e.bytes, id).toBe(statSync(join(RECORDINGS_DIR, `${id}.tar.gz`)).size);
    }
    const total = files.reduce((a, f) => a + statSync(join(RECORDINGS_DIR, f)).size, 0);
    expect(total).toBeLessThan(MAX_RECORDINGS_BYTES);
  });

  it('every signal id the rules read exists in the timeline catalogue', () => {
    for (const [concept, ids] of Object.entries(SIGNALS)) {
      for (const id of ids) expect(SIGNAL_BY_ID.has(id), `${concept}: ${id}`).toBe(true);
    }
  });
});
