import { stubCommandParser } from '../stub.js';

export const procPressure = stubCommandParser('proc-pressure', ['proc-pressure-cpu', 'proc-pressure-memory', 'proc-pressure-io'], 'proc_pressure');
