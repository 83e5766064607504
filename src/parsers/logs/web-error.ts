import { stubLogParser } from '../stub.js';

export const webError = stubLogParser('web-error');
