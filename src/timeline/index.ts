export { TimelineBuilder, createTimelineSink, ERROR_LEVELS } from './builder.js';
export type { BuilderOptions, HostTimelinePartial, SourceSpan } from './builder.js';
export { mergeTimelines, kWayMerge } from './merge.js';
export { estimateClocks, ordered, NTP_SYNCED_MS, NTP_UNKNOWN_MS, NTP_NO_MS, TOGETHER_MS } from './clock.js';
export { LADDER_MS, MAX_BUCKETS, chooseGrid } from './grid.js';
export * from './signals/index.js';
export type * from './types.js';
export { mergeStates, finalize } from './builder-state.js';
export type { BuilderState } from './builder-state.js';
