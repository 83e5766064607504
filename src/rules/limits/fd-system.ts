/** System-wide file handles (file-nr) against fs.file-max. */
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const fdSystem: Rule = {
  meta: {
    id: 'fd-system',
    resource: 'file-descriptors',
    signal: 'utilization',
    severity: 'warning',
    title: 'File handles near file-max',
    options: {
      warnPct: { default: 80, unit: '% of file-max', source: '(ours)', description: 'allocated handles share, warning' },
      criticalPct: { default: 95, unit: '% of file-max', source: '(ours)', description: 'critical' },
    },
    explanation: "/proc/sys/fs/file-nr's first field counts allocated file handles system-wide; at fs.file-max every open() and socket() fails with ENFILE.",
    nextCommands: [
      'cat /proc/sys/fs/file-nr',
      'sysctl fs.file-max',
      'for p in /proc/[0-9]*; do echo "$(ls $p/fd 2>/dev/null | wc -l) $p"; done | sort -rn | head',
    ],
  },
  check(ctx) {
    const { allocated, max } = ctx.models.fds;
    if (!allocated || !max) return [];
    const pct = { ...allocated, unit: '%', points: allocated.points.map(([t, v]) => [t, (100 * v) / max] as [number, number]) };
    const held = sustained(pct, (v) => v >= ctx.options.warnPct!, { minSamples: 2 });
    if (!held) return [];
    return [
      makeFinding(ctx, this.meta, {
        subject: 'file-nr',
        severity: held.peak[1] >= ctx.options.criticalPct! ? 'critical' : 'warning',
        title: `file handles at ${round(held.peak[1])}% of file-max (${max})`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: ctx.options.warnPct!, unit: '%' },
        evidence: [seriesEvidence(pct, held, 'file-nr%')],
      }),
    ];
  },
};
