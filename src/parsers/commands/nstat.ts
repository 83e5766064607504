import { stubCommandParser } from '../stub.js';

export const nstat = stubCommandParser('nstat', ['nstat']);
