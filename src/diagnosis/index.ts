export { buildAnalysis } from './analysis.js';
export type { AnalysisOptions } from './analysis.js';
export { diagnose, CAUSE_MIN_CONFIDENCE } from './diagnose.js';
export type { HostRef } from './diagnose.js';
export * from './types.js';
