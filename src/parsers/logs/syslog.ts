import { stubLogParser } from '../stub.js';

export const syslog = stubLogParser('syslog');
