/** The parsers stage's output for one bundle: what every later stage reads. */
import type { ManifestTable } from '../bundle/manifest-table.js';
import type { BundleDiagnostic, BundleMeta } from '../bundle/types.js';
import type { CommandParseResult, HostClock, SampleTime } from './types.js';

/** One parsed command artifact. Marked files (proc/*, sample/ss-tanp.txt) give one block per time marker. */
export interface ParsedArtifact {
  /** Manifest name (`vmstat`, `proc-meminfo`, `free`). */
  name: string;
  /** Member path (`snap/start/free.txt`). */
  path: string;
  /** `start` / `end` for snapshots, undefined otherwise. */
  phase?: 'start' | 'end';
  parser: string;
  blocks: { time: SampleTime | null; result: CommandParseResult }[];
}

/** Per log artifact: what was read, for the data-quality panel. */
export interface LogCoverage {
  path: string;
  parser: string;
  lines: number;
  events: number;
  firstMs: number | null;
  lastMs: number | null;
  /** Events per time quality (exact, host-zone, inferred-year, ...). */
  quality: Record<string, number>;
  diagnostics: number;
}

export interface HostData {
  /** Bundle file name as given on the command line (basename). */
  bundle: string;
  /** Stable host id in this analysis: hostname, suffixed when two bundles share one. */
  id: string;
  hostname: string;
  tier: string;
  cpus: number | null;
  clock: HostClock;
  windowStartMs: number | null;
  windowEndMs: number | null;
  meta: BundleMeta;
  /** As columns (bundle/manifest-table.ts): read rows with manifestEntries or entryAt. */
  manifest: ManifestTable;
  artifacts: ParsedArtifact[];
  logs: LogCoverage[];
  diagnostics: BundleDiagnostic[];
}

/** The blocks of every artifact with this name (and phase), in time order. */
export function artifactsNamed(host: HostData, name: string, phase?: 'start' | 'end'): ParsedArtifact[] {
  return host.artifacts.filter((a) => a.name === name && (phase === undefined || a.phase === phase));
}
