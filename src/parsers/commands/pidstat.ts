import { stubCommandParser } from '../stub.js';

export const pidstat = stubCommandParser('pidstat', ['pidstat'], 'pidstat');
