import { stubCommandParser } from '../stub.js';

export const df = stubCommandParser('df', ['df', 'df-i'], 'df');
