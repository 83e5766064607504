/** PSI io: tasks stalled waiting for block I/O. */
import { psiRule } from '../psi-rule.js';

export const ioPressure = psiRule('io-pressure', 'storage-io', 'IO', (ctx) => ctx.models.storage.psi, 10);
