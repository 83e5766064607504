import { stubCommandParser } from '../stub.js';

export const top = stubCommandParser('top', ['top'], 'top');
