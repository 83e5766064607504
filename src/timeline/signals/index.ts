export { SIGNALS, SIGNAL_BY_ID, FAMILIES, classify, classifyDetail, sourceFamily } from './catalogue.js';
export type { Classification } from './catalogue.js';
export { PG_SLOW_MS, MYSQL_SLOW_S } from './db.js';
export type { Blame, FieldCondition, SignalDef, SignalKind, SignalResource, SignalSample, SignalSeverity, SourceFamily } from './types.js';
