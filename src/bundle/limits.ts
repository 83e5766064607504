/**
 * Limits that keep an untrusted bundle from exhausting memory or CPU
 * (docs/security.md). Every limit is a plain number so tests can lower them.
 */
export interface BundleLimits {
  /** Largest member accepted, counted after nested .gz inflation. */
  maxMemberBytes: number;
  /** Total bytes read from the archive (inflated tar stream plus nested inflation). */
  maxTotalBytes: number;
  /** Largest artifact held whole in memory (`text()`; command artifacts). */
  maxHeldBytes: number;
  /** Longest line kept; the rest of a longer line is dropped with a diagnostic. */
  maxLineBytes: number;
  /** Nested .gz members stop here (gzip bomb guard, absolute). */
  gzMaxBytes: number;
  /** ...or when inflated/compressed exceeds this ratio... */
  gzMaxRatio: number;
  /** ...once at least this much was inflated (small files compress well legitimately). */
  gzRatioAfterBytes: number;
  /** Members (of any type) before the reader gives up. */
  maxEntries: number;
  /** Diagnostics kept per bundle; the rest are counted. */
  maxDiagnostics: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxMemberBytes: 2 * GiB,
  maxTotalBytes: 8 * GiB,
  maxHeldBytes: 64 * MiB,
  maxLineBytes: 64 * KiB,
  gzMaxBytes: 1 * GiB,
  gzMaxRatio: 1000,
  gzRatioAfterBytes: 10 * MiB,
  maxEntries: 100_000,
  maxDiagnostics: 500,
});

export function resolveLimits(partial?: Partial<BundleLimits>): BundleLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}
