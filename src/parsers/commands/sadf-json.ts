import { stubCommandParser } from '../stub.js';

export const sadfJson = stubCommandParser('sadf-json', ['sar-history']);
