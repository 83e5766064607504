/**
 * Files the package ships beside its code (templates/, the capture script,
 * package.json), read by their path relative to the package root. From an
 * install or a checkout they are read from disk next to dist/ or src/; in the
 * single-file analyzer (scripts/build-single.mjs) there is no disk copy, so
 * that build's banner inlines them as `globalThis.__SITREP_SINGLE__` and they
 * are read from there. Paths use `/` whatever the platform: they are keys
 * into the package, turned into a file URL only when read from disk.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface SingleFile {
  version: string;
  /** Package-relative path (`templates/report.hbs`) → text. */
  files: Record<string, string>;
}

const PACKAGE_ROOT = new URL('../', import.meta.url);

/** The inlined files when running as the single file, else undefined. */
export function singleFile(): SingleFile | undefined {
  return (globalThis as { __SITREP_SINGLE__?: SingleFile }).__SITREP_SINGLE__;
}

/** A package file's text. */
export function readAsset(rel: string): string {
  const single = singleFile();
  if (!single) return readFileSync(new URL(rel, PACKAGE_ROOT), 'utf8');
  const text = single.files[rel];
  if (text === undefined) throw new Error(`${rel} is not inlined in this single-file build`);
  return text;
}

/** Names of the files directly in a package directory (`templates/partials`), sorted. */
export function listAssets(dir: string): string[] {
  const single = singleFile();
  const prefix = `${dir.replace(/\/$/, '')}/`;
  if (!single) return readdirSync(new URL(prefix, PACKAGE_ROOT)).sort();
  return Object.keys(single.files)
    .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
    .map((k) => k.slice(prefix.length))
    .sort();
}
