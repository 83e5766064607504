/** Timed events built from real corpus lines: syzkaller console logs with their monotonic stamps placed after a boot instant. */
import { readFileSync } from 'node:fs';
import type { LogEvent } from '../../src/parsers/types.js';
import { corpusPath } from '../helpers/corpus.js';
import { FAMILY_SOURCE, kernelMessage } from './helpers.js';

/** 2023-11-14T22:13:20Z: an arbitrary boot instant for the monotonic stamps. */
export const BOOT_MS = 1_700_000_000_000;

/** The console log of a syzkaller report as dmesg events: time = boot + `[ seconds]`, lines without a stamp get null. */
export function syzEvents(report: string, bootMs = BOOT_MS): LogEvent[] {
  const text = readFileSync(corpusPath('syzkaller/pkg/report/testdata/linux/report', report), 'utf8');
  const log = text.slice(text.indexOf('\n\n') + 2);
  return log
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i): LogEvent => {
      const m = /^\s*\[\s*(\d+\.\d+)\]/.exec(line);
      return {
        time: m ? bootMs + Math.round(Number(m[1]) * 1000) : null,
        timeQuality: m ? 'derived' : 'unknown',
        source: FAMILY_SOURCE.kernel,
        line: i + 1,
        message: kernelMessage(line),
      };
    });
}

/** Deterministic shuffle (mulberry32) for out-of-order input. */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
