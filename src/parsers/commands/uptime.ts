import { stubCommandParser } from '../stub.js';

export const uptime = stubCommandParser('uptime', ['uptime'], 'uptime');
