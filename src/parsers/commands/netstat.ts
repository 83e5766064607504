import { stubCommandParser } from '../stub.js';

export const netstat = stubCommandParser('netstat', ['netstat-antp'], 'netstat');
