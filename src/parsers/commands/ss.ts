import { stubCommandParser } from '../stub.js';

export const ss = stubCommandParser('ss', ['ss-tanpi', 'ss-tanp', 'ss-lnt'], 'ss');
