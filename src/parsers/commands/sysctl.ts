import { stubCommandParser } from '../stub.js';

export const sysctl = stubCommandParser('sysctl', ['sysctl'], 'sysctl');
