import { stubCommandParser } from '../stub.js';

export const mpstat = stubCommandParser('mpstat', ['mpstat'], 'mpstat');
