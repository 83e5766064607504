import { stubLogParser } from '../stub.js';

export const mysqlSlow = stubLogParser('mysql-slow');
