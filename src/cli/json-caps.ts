/**
 * The JSON result's lists that grow with a bundle's member or manifest row
 * count (inventory, parsed artifacts and logs, data-quality rows) are cut to MAX_JSON_ROWS
 * with a sibling `<list>More` count, so a hostile bundle of 100,000 empty
 * members gives a JSON of kilobytes, not 60 MB (issue 15; docs/report-json.md).
 * The Analysis already keeps at most diagnosis/tables.ts' MAX_BUILD_ROWS of
 * the inventory and data-quality logs per host, counting the rest: the counts
 * here add both cuts. The HTML report makes its own cuts.
 */
import type { Analysis, DataQuality, ParsedHost } from '../diagnosis/types.js';

export const MAX_JSON_ROWS = 1000;

/** `list` cut to `max`, and how many were left out (0 when none). */
function cut<T>(list: readonly T[], max: number): [T[], number] {
  return list.length > max ? [list.slice(0, max), list.length - max] : [[...list], 0];
}

/** Sets `key` to `n` only when rows were cut: an uncut list looks as before. */
function withMore<T extends object>(obj: T, key: string, n: number): T {
  return n > 0 ? { ...obj, [key]: n } : obj;
}

function capQuality(q: DataQuality, max: number): DataQuality {
  // Rows already cut when the Analysis was built (diagnosis/tables.ts) count too.
  const [logs, cutHere] = cut(q.logs, max);
  const more = cutHere + (q.logsMore ?? 0);
  const [missing, mMore] = cut(q.missing, max);
  const [timedOut, tMore] = cut(q.timedOut, max);
  return withMore(withMore(withMore({ ...q, logs, missing, timedOut }, 'logsMore', more), 'missingMore', mMore), 'timedOutMore', tMore);
}

function capParsed(p: ParsedHost, max: number): ParsedHost {
  const [artifacts, aMore] = cut(p.artifacts, max);
  const [logs, lMore] = cut(p.logs, max);
  const [unparsed, uMore] = cut(p.unparsed, max);
  return withMore(withMore(withMore({ ...p, artifacts, logs, unparsed }, 'artifactsMore', aMore), 'logsMore', lMore), 'unparsedMore', uMore);
}

export function capForJson(analysis: Analysis, max = MAX_JSON_ROWS): Analysis {
  // inventoryMore goes last, as when every row was cut here: the same JSON either way.
  const { inventoryMore: cutAtBuild = 0, ...a } = analysis;
  const [inventory, cutHere] = cut(a.inventory, max);
  const more = cutHere + cutAtBuild;
  const out: Analysis = {
    ...a,
    dataQuality: a.dataQuality.map((q) => capQuality(q, max)),
    inventory,
    ...(a.parsed ? { parsed: a.parsed.map((p) => capParsed(p, max)) } : {}),
  };
  return withMore(out, 'inventoryMore', more);
}
