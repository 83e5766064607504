import { stubCommandParser } from '../stub.js';

export const ps = stubCommandParser('ps', ['ps'], 'ps');
