/** Kernel faults: oops, BUG, panic, soft lockups, RCU stalls, hung tasks. */
import type { Rule } from '../types.js';
import { eventFindings } from '../helpers.js';

export const kernelErrors: Rule = {
  meta: {
    id: 'kernel-errors',
    resource: 'kernel',
    signal: 'errors',
    severity: 'critical',
    title: 'Kernel faults and lockups',
    options: {},
    explanation:
      'Kernel oops/BUG/panic lines, soft lockups, RCU stalls and hung tasks ("blocked for more than 120 seconds"): the kernel itself failed or a CPU or task made no progress for seconds. Hung tasks usually sit on storage; lockups on CPU or a driver.',
    nextCommands: ['dmesg | tail -100', 'journalctl -k -p warning --since -1h', 'cat /proc/pressure/io'],
  },
  check(ctx) {
    return eventFindings(ctx, this.meta, ['kernelFault'], (n) => `${n} kernel fault / lockup line(s)`);
  },
};
