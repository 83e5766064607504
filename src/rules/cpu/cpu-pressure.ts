/** PSI cpu: tasks waiting for a CPU. */
import { psiRule } from '../psi-rule.js';

export const cpuPressure = psiRule('cpu-pressure', 'cpu', 'CPU', (ctx) => ctx.models.cpu.psi, 25);
