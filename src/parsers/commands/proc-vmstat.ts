import { stubCommandParser } from '../stub.js';

export const procVmstat = stubCommandParser('proc-vmstat', ['proc-vmstat'], 'proc_vmstat');
