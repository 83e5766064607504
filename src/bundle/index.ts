export { readBundle, type ReadOptions, type PassResult } from './reader.js';
export type { BundleMember } from './member.js';
export { DiagnosticLog, formatDiagnostic } from './diagnostics.js';
export { DEFAULT_LIMITS, resolveLimits, type BundleLimits } from './limits.js';
export { LineSplitter, forEachLine, type LineSink } from './lines.js';
export { parseMeta, parseManifest, checkFormat, guessEntry, metaNumber, metaMs, FORMAT_VERSIONS } from './manifest.js';
export { rotation, checkMemberName, isProcessTable } from './paths.js';
export type * from './types.js';
export { readBundleHeader, type BundleHeader } from './header.js';
