import { stubCommandParser } from '../stub.js';

export const netstatS = stubCommandParser('netstat-s', ['netstat-s']);
