import { stubCommandParser } from '../stub.js';

export const procDiskstats = stubCommandParser('proc-diskstats', ['proc-diskstats'], 'proc_diskstats');
