import { stubLogParser } from '../stub.js';

export const postgresqlCsv = stubLogParser('postgresql-csv');
