import { stubLogParser } from '../stub.js';

export const postgresql = stubLogParser('postgresql');
