/** Buffers + page cache collapsing: reads that hit memory will now go to the disk. */
import type { Rule } from '../types.js';
import { iso, makeFinding, round } from '../helpers.js';

export const memoryCacheCollapse: Rule = {
  meta: {
    id: 'memory-cache-collapse',
    resource: 'memory',
    signal: 'utilization',
    severity: 'warning',
    title: 'Page cache collapse',
    options: {
      dropPct: { default: 50, unit: '% of its start', source: '(ours)', description: 'buffers+cache fell by at least this share within the window' },
      floorPct: { default: 5, unit: '% of MemTotal', source: '(ours)', description: 'and ended below this share of total memory' },
    },
    explanation:
      'When free shows buffers + cache collapsing towards zero, memory demand has squeezed out the page cache: reads that were served from memory now go to the disk, so look at storage I/O next (Gregg). Both a large drop and a low end point are required, so a routine cache drop on a big-memory host does not fire.',
    nextCommands: ['free -m', 'vmstat 1 5', 'iostat -xz 1 5'],
  },
  check(ctx) {
    const { cacheKb, totalKb } = ctx.models.memory;
    if (!cacheKb || !totalKb || cacheKb.points.length < 2) return [];
    const first = cacheKb.points[0]!;
    const low = cacheKb.points.reduce((m, p) => (p[1] < m[1] ? p : m));
    const dropPct = first[1] > 0 ? (100 * (first[1] - low[1])) / first[1] : 0;
    const endPct = (100 * low[1]) / totalKb;
    if (dropPct < ctx.options.dropPct! || endPct >= ctx.options.floorPct!) return [];
    return [
      makeFinding(ctx, this.meta, {
        subject: 'page-cache',
        severity: this.meta.severity,
        title: `buffers+cache fell ${round(dropPct)}% to ${round(endPct)}% of memory`,
        onset: first[0],
        end: low[0],
        peak: { value: endPct, threshold: ctx.options.floorPct!, unit: '% of MemTotal' },
        evidence: [
          { artifact: cacheKb.artifact, time: low[0], excerpt: `${cacheKb.source}: ${iso(first[0])} cache=${first[1]} kB → ${iso(low[0])} cache=${low[1]} kB` },
        ],
      }),
    ];
  },
};
