/** Collects unhandled rejections while a suite runs: a hostile input must never cause one. */
import { afterAll, beforeAll } from 'vitest';

export function trackUnhandled(): unknown[] {
  const seen: unknown[] = [];
  const on = (e: unknown): void => void seen.push(e);
  beforeAll(() => void process.on('unhandledRejection', on));
  afterAll(() => void process.off('unhandledRejection', on));
  return seen;
}
