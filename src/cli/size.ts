/** Sizes given on the command line: `5MB`, `800K`, `1.5GiB`, `1048576`. */
import { SitrepError } from '../errors.js';

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  B: 1,
  K: 1024,
  KB: 1024,
  KIB: 1024,
  M: 1024 ** 2,
  MB: 1024 ** 2,
  MIB: 1024 ** 2,
  G: 1024 ** 3,
  GB: 1024 ** 3,
  GIB: 1024 ** 3,
};

export function parseSize(text: string, option: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(text);
  const unit = m ? UNITS[(m[2] ?? '').toUpperCase()] : undefined;
  if (!m || unit === undefined) throw new SitrepError('USAGE', `${option}: not a size: ${JSON.stringify(text)} (use e.g. 5MB, 800K)`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes < 64 * 1024) throw new SitrepError('USAGE', `${option}: ${text} is too small for a report (at least 64K)`);
  return bytes;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { S: 1000, M: 60_000, MIN: 60_000, H: 3_600_000, D: 86_400_000 };

/** Durations given on the command line: `30m`, `2h`, `90s`, `1d` (a bare number is minutes). */
export function parseDuration(text: string, option: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(text);
  const unit = m ? (m[2] === '' ? 60_000 : DURATION_UNITS[(m[2] ?? '').toUpperCase()]) : undefined;
  if (!m || unit === undefined) throw new SitrepError('USAGE', `${option}: not a duration: ${JSON.stringify(text)} (use e.g. 30m, 2h, 90s)`);
  return Math.round(Number(m[1]) * unit);
}
