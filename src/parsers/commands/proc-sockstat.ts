import { stubCommandParser } from '../stub.js';

export const procSockstat = stubCommandParser('proc-sockstat', ['proc-net-sockstat']);
