/**
 * The lines of one export, as a generator of JSON values: records are built
 * and mapped one at a time while the writer drains them (jsonl.ts), so an
 * export holds the Analysis and one record, never the whole output.
 */
import { clickhouseRow } from './clickhouse.js';
import { bulkLines, ecsDoc } from './ecs.js';
import { otlpLines } from './otlp.js';
import { allRecords, type ExportIndex, type RecordKind } from './records.js';

export type ExportFormat = 'ecs' | 'otlp' | 'clickhouse';
export const FORMATS: readonly ExportFormat[] = ['ecs', 'otlp', 'clickhouse'];

export interface ExportOptions {
  format: ExportFormat;
  /** ECS only: Elasticsearch bulk API pairs (`create` action, then the document). */
  bulk?: boolean;
  /** ClickHouse only: the one record kind (table) to write. */
  kind?: RecordKind;
}

export function* exportLines(ix: ExportIndex, opts: ExportOptions): Generator<unknown> {
  if (opts.format === 'otlp') {
    yield* otlpLines(ix);
    return;
  }
  const kinds = opts.kind ? new Set([opts.kind]) : undefined;
  for (const rec of allRecords(ix, kinds)) {
    if (opts.format === 'clickhouse') yield clickhouseRow(rec);
    else if (opts.bulk) yield* bulkLines(ecsDoc(rec));
    else yield ecsDoc(rec).doc;
  }
}
