/** Machine-check exceptions: the hardware reported a CPU/memory fault. */
import type { Rule } from '../types.js';
import { eventFindings } from '../helpers.js';

export const cpuErrors: Rule = {
  meta: {
    id: 'cpu-errors',
    resource: 'cpu',
    signal: 'errors',
    severity: 'critical',
    title: 'Machine-check errors',
    options: {},
    explanation:
      'Machine-check exceptions (MCE) in the kernel log are hardware errors reported by the CPU (cache, bus, memory controller). Any is worth investigating: corrected errors precede uncorrected ones.',
    nextCommands: ['dmesg | grep -i -e mce -e "machine check"', 'rasdaemon / ras-mc-ctl --errors', 'mcelog --client'],
  },
  check(ctx) {
    return eventFindings(ctx, this.meta, ['mce'], (n) => `${n} machine-check error line(s) in the kernel log`);
  },
};
