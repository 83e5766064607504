/**
 * meta.txt and manifest.tsv only, for `sitrep inspect`: stops reading as soon
 * as both are found (they are the first members of a capture's archive), so
 * inspecting a 1 GB bundle costs two members. A bundle without a manifest is
 * read to the end and its artifacts are guessed from the member paths.
 */
import { basename } from 'node:path';
import { SitrepError } from '../errors.js';
import { DiagnosticLog } from './diagnostics.js';
import type { BundleLimits } from './limits.js';
import { checkFormat, guessEntry, parseManifest, parseMeta } from './manifest.js';
import { readBundle, type PassResult } from './reader.js';
import type { BundleDiagnostic, BundleMeta, ManifestEntry } from './types.js';

export interface BundleHeader {
  bundle: string;
  meta: BundleMeta | null;
  manifest: ManifestEntry[];
  /** True when the manifest was missing and `manifest` was guessed from paths. */
  guessed: boolean;
  diagnostics: BundleDiagnostic[];
}

export async function readBundleHeader(path: string, limits?: Partial<BundleLimits>): Promise<BundleHeader> {
  const bundle = basename(path);
  const diags = new DiagnosticLog(bundle);
  let meta: Record<string, string> | null = null;
  let manifest: ManifestEntry[] | null = null;
  const paths: string[] = [];
  const result: PassResult = { kind: 'tar', members: 0, failure: null };
  for await (const m of readBundle(path, { ...(limits ? { limits } : {}), diagnostics: diags }, result)) {
    paths.push(m.path);
    if (m.path === 'meta.txt') {
      meta = parseMeta((await m.text()).text);
      checkFormat(meta, bundle);
    } else if (m.path === 'manifest.tsv') {
      manifest = parseManifest((await m.text()).text, diags);
    }
    if (meta && manifest) break;
  }
  if (!meta && !manifest && !paths.some((p) => guessEntry(p))) {
    throw new SitrepError('INPUT_UNREADABLE', 'not a sitrep bundle (no meta.txt, manifest.tsv or known artifact)', { file: bundle });
  }
  if (!meta) diags.add('error', 'meta.txt is missing');
  if (!manifest) diags.add('warning', 'manifest.tsv is missing: artifacts guessed from member paths');
  return {
    bundle,
    meta,
    manifest: manifest ?? paths.flatMap((p) => guessEntry(p) ?? []),
    guessed: !manifest,
    diagnostics: diags.list,
  };
}
