/** A process's open descriptors against its own limit (ulimit -n / RLIMIT_NOFILE). */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { makeFinding, round } from '../helpers.js';

export const fdProcess: Rule = {
  meta: {
    id: 'fd-process',
    resource: 'file-descriptors',
    signal: 'utilization',
    severity: 'warning',
    title: 'Process near its fd limit',
    options: {
      warnPct: { default: 80, unit: '% of limit', source: '(ours)', description: 'open fds share of the soft limit, warning' },
      criticalPct: { default: 95, unit: '% of limit', source: '(ours)', description: 'critical' },
    },
    explanation:
      'Open file descriptors per process (ls /proc/<pid>/fd) against its soft RLIMIT_NOFILE. At the limit accept(), open() and socket() fail with EMFILE ("Too many open files"); a socket leak (CLOSE_WAIT) usually gets there.',
    nextCommands: ['ls /proc/<pid>/fd | wc -l', 'grep "open files" /proc/<pid>/limits', "lsof -p <pid> | awk '{print $5}' | sort | uniq -c"],
  },
  check(ctx) {
    const worst = new Map<number, ReturnType<typeof ctx.models.fds.processes.slice>[number]>();
    for (const p of ctx.models.fds.processes) {
      if (!p.limit || p.limit <= 0) continue;
      const prev = worst.get(p.pid);
      if (!prev || p.fds > prev.fds) worst.set(p.pid, p);
    }
    const out: Finding[] = [];
    for (const p of worst.values()) {
      const pct = (100 * p.fds) / p.limit!;
      if (pct < ctx.options.warnPct!) continue;
      out.push(
        makeFinding(ctx, this.meta, {
          subject: `${p.comm}:${p.pid}`,
          severity: pct >= ctx.options.criticalPct! ? 'critical' : 'warning',
          title: `${p.comm} (pid ${p.pid}) has ${p.fds} of ${p.limit} fds open (${round(pct)}%)`,
          onset: p.time,
          end: p.time,
          peak: { value: pct, threshold: ctx.options.warnPct!, unit: '%' },
          evidence: [{ artifact: p.artifact, ...(p.time !== null ? { time: p.time } : {}), excerpt: `${p.pid} ${p.fds} ${p.limit} ${p.comm}` }],
        }),
      );
    }
    return out;
  },
};
