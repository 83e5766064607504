/** sitrep's version: from package.json, or inlined in the single-file build. */
import { readAsset, singleFile } from '../assets.js';

function readVersion(): string {
  const single = singleFile();
  if (single) return single.version;
  try {
    const pkg = JSON.parse(readAsset('package.json')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const VERSION = readVersion();
