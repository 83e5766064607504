/** File-system space and inodes: full means ENOSPC, and writes fail. */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { makeFinding } from '../helpers.js';

export const fsCapacity: Rule = {
  meta: {
    id: 'fs-capacity',
    resource: 'storage-capacity',
    signal: 'utilization',
    severity: 'warning',
    title: 'File system nearly full',
    options: {
      warnPct: { default: 90, unit: '%', source: '(ours)', description: 'space or inodes used, warning' },
      criticalPct: { default: 95, unit: '%', source: '(ours)', description: 'space or inodes used, critical' },
    },
    explanation:
      'df space and inode use per mounted file system. Once either is exhausted writes fail with ENOSPC ("No space left on device"), which applications often report as unrelated errors; inodes run out with many small files while space remains.',
    nextCommands: ['df -h', 'df -i', 'du -xh --max-depth=2 <mount> | sort -h | tail'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const fs of ctx.models.storage.filesystems) {
      for (const [kind, pct] of [
        ['space', fs.usePct],
        ['inodes', fs.inodePct],
      ] as const) {
        if (pct === null || pct < ctx.options.warnPct!) continue;
        out.push(
          makeFinding(ctx, this.meta, {
            subject: `${fs.mount}:${kind}`,
            severity: pct >= ctx.options.criticalPct! ? 'critical' : 'warning',
            title: `${fs.mount} ${kind} ${pct}% used`,
            onset: null,
            end: null,
            peak: { value: pct, threshold: ctx.options.warnPct!, unit: '%' },
            evidence: [{ artifact: fs.artifact, excerpt: fs.excerpt }],
          }),
        );
      }
    }
    return out;
  },
};
