import { stubCommandParser } from '../stub.js';

export const vmstat = stubCommandParser('vmstat', ['vmstat'], 'vmstat');
