import { stubLogParser } from '../stub.js';

export const app = stubLogParser('app');
