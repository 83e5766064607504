import { stubLogParser } from '../stub.js';

export const journal = stubLogParser('journal');
