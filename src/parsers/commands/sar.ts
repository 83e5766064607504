import { stubCommandParser } from '../stub.js';

export const sar = stubCommandParser('sar', ['sar-net']);
