import { stubLogParser } from '../stub.js';

export const accessLog = stubLogParser('access-log');
