/**
 * CPU saturation explains lock waits only through a holder that waited for a
 * CPU (mechanisms.ts, cpu-starved-lock-holder). On the recorded db-lock lab
 * run (fixtures/lab-runs, beside other people's `node` with a run queue of
 * 13), the holder pid 2444 sat in its transaction: pidstat never listed it.
 * The cases below give that same finding the %wait pidstat would print for a
 * starved holder, around the threshold, and check the link follows.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { hostRef } from '../../src/diagnosis/host-refs.js';
import { STARVED_WAIT_PCT } from '../../src/diagnosis/links.js';
import { buildModels } from '../../src/models/build.js';
import { holderPids } from '../../src/rules/app/lock-holders.js';
import type { TimelineEvent } from '../../src/timeline/types.js';
import type { Finding } from '../../src/vocabulary/types.js';
import { analyzeLabRun } from './tiers.js';

const recorded = analyzeLabRun('db-lock');

async function diagnosedWithHolderWait(waitPct: number | undefined) {
  const { analysis, hosts, timeline } = await recorded;
  const findings: Finding[] = analysis.findings.map((f) =>
    f.rule === 'db-locks' && f.holders
      ? { ...f, holders: f.holders.map((h) => ({ ...h, ...(waitPct === undefined ? {} : { samples: 3, cpuPct: 12, waitPct }) })) }
      : f,
  );
  return diagnose(
    hosts.map((h) => hostRef(h, buildModels(h))),
    findings,
    timeline,
  );
}

const starvedLinks = (d: Awaited<ReturnType<typeof diagnosedWithHolderWait>>) =>
  d.problems.flatMap((p) => p.victims).filter((v) => v.link.edge === 'cpu-starved-lock-holder');

describe('CPU saturation → lock waits needs a starved holder', () => {
  const cases: { name: string; waitPct: number | undefined; linked: boolean }[] = [
    { name: 'as recorded: the holder idle in its transaction', waitPct: undefined, linked: false },
    { name: 'the holder ran but rarely waited', waitPct: STARVED_WAIT_PCT / 2, linked: false },
    { name: 'the holder waited for a CPU at the threshold', waitPct: STARVED_WAIT_PCT, linked: true },
    { name: 'the holder waited for a CPU most of the time', waitPct: 60, linked: true },
  ];
  for (const c of cases) {
    it(`${c.linked ? 'links' : 'does not link'}: ${c.name}`, async () => {
      const d = await diagnosedWithHolderWait(c.waitPct);
      const links = starvedLinks(d);
      if (!c.linked) {
        expect(links).toEqual([]);
        expect([d.cause?.tier, d.cause?.resource]).toEqual(['db', 'application']);
        return;
      }
      expect(links.map((v) => v.link.from.split(':').slice(1, 2)[0])).toContain('cpu-saturation');
      expect(links[0]!.link.evidence).toContain(`pid 2444) waited for a CPU ${c.waitPct}% of the time`);
    });
  }
});

describe('holderPids', () => {
  const ev = (detail: string): TimelineEvent =>
    ({ time: 0, timeQuality: 'exact', source: 'x', line: 1, message: '', host: 'h', fields: { detail } }) as TimelineEvent;
  it("reads PostgreSQL's singular and plural DETAIL lines, once per pid", () => {
    // errdetail_log_plural in PostgreSQL's proc.c: "Process holding the lock: %s. Wait queue: %s."
    expect(holderPids([ev('Process holding the lock: 24174. Wait queue: 24176.'), ev('Processes holding the lock: 24174, 24180. Wait queue: 24176.')])).toEqual(
      [24174, 24180],
    );
    expect(holderPids([ev('Wait queue: 24176.')])).toEqual([]);
    // a crafted line: nothing that cannot be a pid reaches the finding or the psql command
    expect(holderPids([ev(`Process holding the lock: ${'9'.repeat(400)}, 0, 4194305, 7. Wait queue: 1.`)])).toEqual([7]);
  });
});
