import { stubCommandParser } from '../stub.js';

export const procLoadavg = stubCommandParser('proc-loadavg', ['proc-loadavg'], 'proc_loadavg');
