import { stubCommandParser } from '../stub.js';

export const ipLink = stubCommandParser('ip-link', ['ip-s-link']);
