/**
 * Pressure stall information: share of wall time tasks stalled waiting for a
 * resource (kernel ≥ 4.20). Source: the kernel's Documentation/accounting/psi.rst.
 * Judged on the window's own intervals (the `total` counters' deltas, see
 * models/psi.ts), never on avg10, which still carries the seconds before it.
 */
import type { Resource } from '../vocabulary/types.js';
import type { PsiModel } from '../models/types.js';
import type { Rule, RuleContext } from './types.js';
import { cpuProcesses, heldSpan, makeFinding, round, seriesEvidence, sustained } from './helpers.js';

const PSI_DOC = 'Linux kernel Documentation/accounting/psi.rst';

/** What a value of the series is, for titles and evidence: an interval's share, or the avg10 fallback. */
function measure(psi: PsiModel, kind: 'some' | 'full'): { title: string; label: string } {
  return psi.method === 'avg10' ? { title: `${kind} avg10`, label: `${kind}.avg10` } : { title: `${kind}`, label: `${kind}` };
}

/** The avg10 at the window's first sample, when it was over the threshold: what came before, said, never judged. */
function beforeNote(psi: PsiModel, kind: 'some' | 'full', threshold: number): string {
  const v = psi.before?.[kind];
  if (psi.method !== 'total-delta' || v === undefined || v < threshold) return '';
  return `; avg10 was already ${round(v)}% at the first sample (the ~10 s before the window)`;
}

export function psiRule(id: string, resource: Resource, label: string, pick: (ctx: RuleContext) => PsiModel, somePct: number): Rule {
  const file = `/proc/pressure/${label.toLowerCase()}`;
  return {
    meta: {
      id,
      resource,
      signal: 'saturation',
      severity: 'warning',
      title: `${label} pressure (PSI)`,
      options: {
        somePct: { default: somePct, unit: '%', source: '(ours)', description: '`some`: share of a sampling interval in which at least one task stalled' },
        fullPct: {
          default: 10,
          unit: '%',
          source: '(ours)',
          description: '`full`: share of a sampling interval in which all non-idle tasks stalled at once (critical)',
        },
      },
      explanation: `${file} counts the time tasks were stalled waiting for ${label.toLowerCase()} ("some": at least one task; "full": all non-idle tasks at once; ${PSI_DOC}). The rule takes the cumulative \`total\` stall time (µs) between consecutive samples, so each value is exactly the stalled share of that interval of the window; the \`avg10\` running average still carries the seconds before the window and is used only when no two samples give a delta. Sustained stall time is direct evidence of saturation, independent of utilization.`,
      nextCommands: [`cat ${file}`, 'vmstat 1 5'],
    },
    check(ctx) {
      const psi = pick(ctx);
      const full = sustained(psi.full, (v) => v >= ctx.options.fullPct!);
      const some = sustained(psi.some, (v) => v >= ctx.options.somePct!);
      const s = full ? psi.full : psi.some;
      const held = full ?? some;
      if (!s || !held) return [];
      const kind = full ? 'full' : 'some';
      const threshold = full ? ctx.options.fullPct! : ctx.options.somePct!;
      const m = measure(psi, kind);
      const evidence = seriesEvidence(s, held, m.label);
      evidence.excerpt += beforeNote(psi, kind, threshold);
      return [
        makeFinding(ctx, this.meta, {
          subject: kind,
          severity: full ? 'critical' : 'warning',
          title: `${label} pressure ${m.title} ${round(held.peak[1])}%`,
          ...heldSpan(held),
          peak: { value: held.peak[1], threshold, unit: '%' },
          evidence: [evidence],
          // CPU stalls, like a long run queue, are some processes' doing: name them
          ...(resource === 'cpu' ? { processes: cpuProcesses(ctx, held) } : {}),
        }),
      ];
    },
  };
}
