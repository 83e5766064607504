import { stubCommandParser } from '../stub.js';

export const procNetSnmp = stubCommandParser('proc-net-snmp', ['proc-net-snmp', 'proc-net-netstat'], 'proc_net_netstat');
