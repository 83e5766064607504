/**
 * RuleTester, after ESLint's: per rule, `valid` cases (real inputs on which
 * the rule must stay silent) and `invalid` ones (real inputs on which it must
 * fire, optionally with a given severity/subject). A case that should fire
 * and does not fails the run.
 *
 * Two modes over the same table: `replay` (unit project) reads each recorded
 * input from test/recordings; `live` (system project) takes the recorded
 * inputs afresh on this machine (and with SITREP_RECORD=1 rewrites their
 * recordings), so the live job checks the machine still gives every rule the
 * verdict its recording gives.
 */
import { describe, expect, it } from 'vitest';
import { buildModels } from '../../src/models/build.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { resolveOptions } from '../../src/rules/run.js';
import { ruleById } from '../../src/rules/registry.js';
import type { Finding, Severity } from '../../src/diagnosis/types.js';
import type { TimelineSummary } from '../../src/timeline/types.js';
import { EMPTY_TIMELINE } from './fixtures.js';
import { NotQuiet } from './inputs.js';
import { NeedMissing } from '../helpers/need.js';
import { isRecorded, live, replay, type RecordedInput } from './recordings.js';

/** A live case's input may wait for the machine lock and for quiet (other test files, other people). */
const CASE_TIMEOUT_MS = 15 * 60_000;

export type Mode = 'replay' | 'live';

export interface CaseInput {
  host: HostData;
  timeline?: TimelineSummary;
}

export interface RuleCase {
  name: string;
  /** Where the data comes from: the command run here, or the corpus path. */
  origin: string;
  /** A recorded live input, or one built here from real data (the catalogue's sample lines). */
  input: RecordedInput | (() => Promise<CaseInput | HostData> | CaseInput | HostData);
  options?: Record<string, number>;
  expect?: { severity?: Severity; subject?: string | RegExp; title?: RegExp; minFindings?: number };
}

export interface RuleCases {
  rule: string;
  valid: RuleCase[];
  invalid: RuleCase[];
}

export async function checkCase(ruleId: string, c: RuleCase, mode: Mode = 'replay'): Promise<Finding[]> {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no registered rule ${ruleId}`);
  const got = isRecorded(c.input) ? await (mode === 'live' ? live(c.input) : replay(c.input.recording)) : await c.input();
  const { host, timeline = EMPTY_TIMELINE } = 'artifacts' in got ? { host: got } : got;
  const events = timeline.events.filter((e) => e.host === host.id);
  const options = { ...resolveOptions(rule), ...c.options };
  return rule.check({ host, models: buildModels(host), timeline, events, options });
}

/** Runs a case; an input that could not be taken on this shared machine (NotQuiet) skips it, saying why. */
async function checkCaseOrSkip(ruleId: string, c: RuleCase, mode: Mode, t: { skip: (note?: string) => void }): Promise<Finding[] | null> {
  try {
    return await checkCase(ruleId, c, mode);
  } catch (err) {
    if (err instanceof NotQuiet || err instanceof NeedMissing) {
      console.warn(`[sitrep tests] ${ruleId} / ${c.name} skipped: ${err.message}`);
      t.skip(err.message);
      return null;
    }
    throw err;
  }
}

function matches(f: Finding, e: NonNullable<RuleCase['expect']>): boolean {
  if (e.severity && f.severity !== e.severity) return false;
  if (e.subject instanceof RegExp ? !e.subject.test(f.subject ?? '') : e.subject !== undefined && f.subject !== e.subject) return false;
  return e.title === undefined || e.title.test(f.title);
}

/** Live mode runs only the recorded inputs: the others are the same in both modes, and the unit run has them. */
export function runRuleCases(all: RuleCases[], mode: Mode = 'replay'): void {
  const timeout = mode === 'live' ? CASE_TIMEOUT_MS : undefined;
  for (const rc0 of all) {
    const keep = (c: RuleCase): boolean => mode === 'replay' || isRecorded(c.input);
    const rc = { ...rc0, valid: rc0.valid.filter(keep), invalid: rc0.invalid.filter(keep) };
    if (rc.valid.length + rc.invalid.length === 0) continue;
    describe(rc.rule, () => {
      for (const c of rc.valid) {
        it(
          `valid: ${c.name}`,
          async (t) => {
            const found = await checkCaseOrSkip(rc.rule, c, mode, t);
            if (!found) return;
            expect(found.map((f) => `${f.severity} ${f.title}`)).toEqual([]);
          },
          timeout,
        );
      }
      for (const c of rc.invalid) {
        it(
          `invalid: ${c.name}`,
          async (t) => {
            const found = await checkCaseOrSkip(rc.rule, c, mode, t);
            if (!found) return;
            expect(found.length, `${rc.rule} should fire on ${c.name}`).toBeGreaterThanOrEqual(c.expect?.minFindings ?? 1);
            for (const f of found) {
              expect(f.rule).toBe(rc.rule);
              expect(f.id).toBe(`${f.host}:${f.rule}:${f.subject}`);
              expect(f.evidence.length).toBeGreaterThan(0);
            }
            if (c.expect)
              expect(
                found.some((f) => matches(f, c.expect!)),
                JSON.stringify(found.map((f) => [f.severity, f.subject, f.title])),
              ).toBe(true);
          },
          timeout,
        );
      }
    });
  }
}
