import { stubCommandParser } from '../stub.js';

export const procNetDev = stubCommandParser('proc-net-dev', ['proc-net-dev'], 'proc_net_dev');
