import { stubLogParser } from '../stub.js';

export const mysqlError = stubLogParser('mysql-error');
