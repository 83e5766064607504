import { stubCommandParser } from '../stub.js';

export const free = stubCommandParser('free', ['free'], 'free');
