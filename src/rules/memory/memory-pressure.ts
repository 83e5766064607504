/** PSI memory: tasks stalled on reclaim, swap-in or refaults. */
import { psiRule } from '../psi-rule.js';

export const memoryPressure = psiRule('memory-pressure', 'memory', 'Memory', (ctx) => ctx.models.memory.psi, 10);
