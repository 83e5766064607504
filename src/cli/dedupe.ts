/**
 * The same bundle named twice (`a.tar.gz ./a.tar.gz`, or a copy downloaded
 * twice) would be analysed as two hosts with one host's symptoms counted
 * twice. It is analysed once, and stderr says so: first by file (same real
 * path), then, once loaded, by capture (same host, tier and window to the
 * millisecond: two captures never start in the same millisecond).
 */
import { realpath } from 'node:fs/promises';
import type { HostData } from '../parsers/host-data.js';

export interface Dropped {
  bundle: string;
  sameAs: string;
  why: string;
}

/** Bundles with repeated files dropped (the first naming kept, order kept). */
export async function uniqueFiles(bundles: readonly string[]): Promise<{ kept: string[]; dropped: Dropped[] }> {
  const seen = new Map<string, string>();
  const kept: string[] = [];
  const dropped: Dropped[] = [];
  for (const b of bundles) {
    const key = await realpath(b).catch(() => b);
    const first = seen.get(key);
    if (first !== undefined) dropped.push({ bundle: b, sameAs: first, why: 'the same file' });
    else {
      seen.set(key, b);
      kept.push(b);
    }
  }
  return { kept, dropped };
}

/** Identity of a capture: who, which tier, which window. */
export function captureKey(h: HostData): string | null {
  if (h.windowStartMs === null) return null;
  return JSON.stringify([h.hostname, h.tier, h.windowStartMs, h.windowEndMs]);
}

export function droppedLine(d: Dropped): string {
  return `sitrep: ${d.bundle} is ${d.why} as ${d.sameAs}: analysing it once`;
}
