import { stubCommandParser } from '../stub.js';

export const ssSummary = stubCommandParser('ss-summary', ['ss-s']);
