/** The export stage (docs/export.md): records of an Analysis, and their formats. */
export { TABLES } from './clickhouse.js';
export { writeJsonLines } from './jsonl.js';
export { ExportIndex, type BundleFacts, type RecordKind } from './records.js';
export { exportLines, FORMATS, type ExportFormat, type ExportOptions } from './stream.js';
