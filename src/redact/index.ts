export { redactBundles, formatLeak, type RedactOptions, type RedactResult } from './run.js';
export { verifyBundles, type Leak } from './verify.js';
export { BatchRedactor, type BatchResult, type BatchState, type EngineInit } from './batch.js';
export { localEngine, type EngineFactory, type RedactEngine } from './engine.js';
export { defaultKeyPath, loadKey } from './key.js';
export { Aliaser, type AliasEntry } from './alias.js';
export { Redactor, type RedactKind } from './redactor.js';
export { collectLiterals } from './collect.js';
export type { Literal } from './patterns.js';
