/** Pressure stall information: share of wall time tasks stalled waiting for a resource (kernel ≥ 4.20). */
import type { Resource } from '../vocabulary/types.js';
import type { PsiModel } from '../models/types.js';
import type { Rule, RuleContext } from './types.js';
import { cpuProcesses, makeFinding, round, seriesEvidence, sustained } from './helpers.js';

export function psiRule(id: string, resource: Resource, label: string, pick: (ctx: RuleContext) => PsiModel, somePct: number): Rule {
  return {
    meta: {
      id, resource, signal: 'saturation', severity: 'warning',
      title: `${label} pressure (PSI)`,
      options: {
        somePct: { default: somePct, unit: '%', source: '(ours)', description: '`some avg10`: share of time at least one task stalled' },
        fullPct: { default: 10, unit: '%', source: '(ours)', description: '`full avg10`: share of time all non-idle tasks stalled (critical)' },
      },
      explanation: `/proc/pressure/${label.toLowerCase()} reports the share of wall time tasks were stalled waiting for ${label.toLowerCase()} over 10 s ("some": at least one task; "full": all non-idle tasks at once). Sustained stall time is direct evidence of saturation, independent of utilization.`,
      nextCommands: [`cat /proc/pressure/${label.toLowerCase()}`, 'vmstat 1 5'],
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
      return [makeFinding(ctx, this.meta, {
        subject: kind,
        severity: full ? 'critical' : 'warning',
        title: `${label} pressure ${kind} avg10 ${round(held.peak[1])}%`,
        onset: held.onset, end: held.end, samples: { held: held.count, total: held.total },
        peak: { value: held.peak[1], threshold, unit: '%' },
        evidence: [seriesEvidence(s, held, `${kind}.avg10`)],
        // CPU stalls, like a long run queue, are some processes' doing: name them
        ...(resource === 'cpu' ? { processes: cpuProcesses(ctx, held) } : {}),
      })];
    },
  };
}
