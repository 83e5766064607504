/**
 * meta.txt and manifest.tsv (docs/bundle-format.md): typed entries, the
 * format-version check, and artifact names guessed from paths for a bundle
 * whose manifest is missing (a capture killed before writing it).
 */
import { SitrepError } from '../errors.js';
import type { DiagnosticLog } from './diagnostics.js';
import { DEFAULT_LIMITS } from './limits.js';
import { manifestEntries, ManifestTableBuilder, type ManifestTable } from './manifest-table.js';
import type { BundleMeta, ManifestEntry } from './types.js';

/** Format versions this analyzer reads. */
export const FORMAT_VERSIONS: readonly number[] = [1];

export const MANIFEST_COLUMNS = ['path', 'kind', 'name', 'source', 'status', 'exit', 'start', 'end', 'duration_ms', 'bytes', 'mtime', 'reason'] as const;

export function parseMeta(text: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    meta[line.slice(0, eq).trim()] = line.slice(eq + 1).replace(/\r$/, '');
  }
  return meta;
}

/** Throws FORMAT_VERSION for a bundle of a version this analyzer does not read. */
export function checkFormat(meta: BundleMeta, bundle: string): void {
  const raw = meta.format_version;
  const reads = FORMAT_VERSIONS.join(', ');
  if (meta.format !== undefined && meta.format !== 'sitrep-bundle') {
    throw new SitrepError('INPUT_UNREADABLE', `not a sitrep bundle (meta.txt says format=${JSON.stringify(meta.format)})`, { file: bundle });
  }
  if (raw === undefined) return; // reported as a diagnostic by the loader: old or broken meta.txt
  const v = Number(raw);
  if (!Number.isInteger(v) || !FORMAT_VERSIONS.includes(v)) {
    throw new SitrepError('FORMAT_VERSION', `bundle format version ${JSON.stringify(raw)} is not supported: this sitrep reads format version ${reads}`, {
      file: bundle,
    });
  }
}

const num = (s: string | undefined): number | null => {
  if (s === undefined || s === '' || s === '-') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};
const ms = (s: string | undefined): number | null => {
  const n = num(s);
  return n === null ? null : Math.round(n * 1000);
};

/**
 * Manifest fields as strings of their own. split() gives slices of the
 * manifest's text, and one slice kept keeps the whole text alive: 100,000 rows
 * kept 13 MB of text for the paths and names. Values that repeat from row to
 * row (kind, status, reason) are shared, up to a bound.
 */
class Fields {
  private readonly shared = new Map<string, string>();

  /** A copy that holds no reference to the manifest's text (a JSON round trip is exact for every string). */
  own(s: string): string {
    return JSON.parse(JSON.stringify(s)) as string;
  }

  share(s: string): string {
    const known = this.shared.get(s);
    if (known !== undefined) return known;
    const copy = this.own(s);
    if (this.shared.size < 256) this.shared.set(copy, copy);
    return copy;
  }
}

/** One manifest row (its fields under the columns of the header line) as an entry. */
function entryOf(f: string[], cols: string[], str: Fields): ManifestEntry {
  const get = (c: string): string | undefined => {
    const k = cols.indexOf(c);
    return k >= 0 ? f[k] : undefined;
  };
  const path = get('path');
  const reason = get('reason');
  return {
    path: path && path !== '-' ? str.own(path.replace(/^\.?\//, '')) : null,
    kind: str.share(get('kind') ?? ''),
    name: str.own(get('name')!),
    source: str.own(get('source') ?? ''),
    status: str.share(get('status') ?? 'ok'),
    exit: num(get('exit')),
    startMs: ms(get('start')),
    endMs: ms(get('end')),
    durationMs: num(get('duration_ms')),
    bytes: num(get('bytes')),
    mtimeMs: ms(get('mtime')),
    reason: reason && reason !== '-' ? str.share(reason) : null,
  };
}

export function parseManifest(text: string, diags: DiagnosticLog, member = 'manifest.tsv'): ManifestEntry[] {
  return [...manifestEntries(parseManifestTable(text, diags, member))];
}

/**
 * The manifest as columns (manifest-table.ts): what the loader keeps for the whole analysis.
 * At most `maxRows` rows (the reader's member limit by default): a manifest can list more rows
 * than a bundle can hold members, and every row is memory the analysis keeps (docs/security.md).
 */
export function parseManifestTable(text: string, diags: DiagnosticLog, member = 'manifest.tsv', maxRows = DEFAULT_LIMITS.maxEntries): ManifestTable {
  const str = new Fields();
  const firstEnd = text.indexOf('\n');
  if (!/^#sitrep-manifest\t/.test(text.slice(0, firstEnd < 0 ? text.length : firstEnd))) {
    diags.add('warning', 'manifest.tsv does not start with #sitrep-manifest: read anyway', member, 1);
  }
  let cols: string[] = [...MANIFEST_COLUMNS];
  const out = new ManifestTableBuilder();
  // Line by line, not text.split('\n'): no array of every line beside the text and the entries.
  for (let start = 0, i = 0; start <= text.length; i++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f[0] === 'path' && f.includes('name')) {
      cols = f;
      continue;
    }
    const k = cols.indexOf('name');
    if (k < 0 || !f[k] || f.length < 5) {
      diags.add('warning', `manifest line ${i + 1} has ${f.length} fields: ignored`, member, i + 1);
      continue;
    }
    if (out.count >= maxRows) {
      diags.add('warning', `manifest lists more than ${maxRows} rows (the member limit): the rows from line ${i + 1} on are ignored`, member, i + 1);
      break;
    }
    out.add(entryOf(f, cols, str));
  }
  return out.finish();
}

/** Artifact kind and name from a member path, when there is no manifest to say. */
export function guessEntry(path: string): ManifestEntry | null {
  const base = (p: string): string => p.replace(/\.(txt|json)$/, '');
  let kind: string;
  let name: string;
  let m: RegExpExecArray | null;
  if (path === 'meta.txt' || path === 'manifest.tsv' || path === 'capture.log' || path.endsWith('.err')) return null;
  if ((m = /^logs\/(.+)$/.exec(path))) [kind, name] = ['log', `log:/${m[1]}`];
  else if (path === 'journal/journal.txt') [kind, name] = ['journal', 'journal'];
  else if ((m = /^sar\/([^/]+)$/.exec(path))) [kind, name] = ['sar', `sar-history:${base(m[1]!)}`];
  else if ((m = /^snap\/(?:start|end)\/([^/]+)$/.exec(path))) [kind, name] = ['snap', base(m[1]!)];
  else if ((m = /^(cmd|sample|proc)\/([^/]+)$/.exec(path))) [kind, name] = [m[1]!, base(m[2]!)];
  else return null;
  return {
    path,
    kind,
    name,
    source: '',
    status: 'ok',
    exit: null,
    startMs: null,
    endMs: null,
    durationMs: null,
    bytes: null,
    mtimeMs: null,
    reason: 'guessed from path (no manifest)',
  };
}

export function metaNumber(meta: BundleMeta, key: string): number | null {
  return num(meta[key]);
}

export function metaMs(meta: BundleMeta, key: string): number | null {
  return ms(meta[key]);
}
