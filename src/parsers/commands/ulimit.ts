import { stubCommandParser } from '../stub.js';

export const ulimit = stubCommandParser('ulimit', ['ulimit']);
