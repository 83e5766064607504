import { stubLogParser } from '../stub.js';

export const kernel = stubLogParser('kernel');
