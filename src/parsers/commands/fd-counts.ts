import { stubCommandParser } from '../stub.js';

export const fdCounts = stubCommandParser('fd-counts', ['fd-counts']);
