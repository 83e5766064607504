/** What a bundle holds, as read from meta.txt and manifest.tsv (docs/bundle-format.md). */

export type ArtifactKind = 'meta' | 'cmd' | 'snap' | 'sample' | 'proc' | 'sar' | 'log' | 'journal';
export type ArtifactStatus = 'ok' | 'failed' | 'timeout' | 'truncated' | 'skipped' | 'empty';

export interface ManifestEntry {
  /** Member path relative to the bundle's top directory, or null when nothing was written. */
  path: string | null;
  kind: ArtifactKind | string;
  name: string;
  source: string;
  status: ArtifactStatus | string;
  exit: number | null;
  /** Epoch ms. */
  startMs: number | null;
  endMs: number | null;
  durationMs: number | null;
  bytes: number | null;
  /** Source file mtime, epoch ms. */
  mtimeMs: number | null;
  reason: string | null;
}

/** meta.txt, keys as written; typed accessors live in the reader. */
export type BundleMeta = Readonly<Record<string, string>>;

/** A problem found while reading a bundle: never thrown, always reported. */
export interface BundleDiagnostic {
  level: 'error' | 'warning' | 'info';
  /** Bundle file name, plus the member path when it concerns one member. */
  file: string;
  member?: string;
  line?: number;
  message: string;
  /** Who found it: the bundle reader/loader (`bundle`, the default) or a parser about the content (`parser`). */
  origin?: 'bundle' | 'parser';
}
