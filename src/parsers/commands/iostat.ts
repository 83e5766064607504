import { stubCommandParser } from '../stub.js';

export const iostat = stubCommandParser('iostat', ['iostat'], 'iostat');
