import { stubCommandParser } from '../stub.js';

export const procStat = stubCommandParser('proc-stat', ['proc-stat'], 'proc_stat');
