import { stubCommandParser } from '../stub.js';

export const procMeminfo = stubCommandParser('proc-meminfo', ['proc-meminfo'], 'proc_meminfo');
