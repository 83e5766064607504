/**
 * The one way a test says what it needs from the machine: root, a tool
 * (stress-ng, fio, Chromium…), a service (nginx, PostgreSQL) or a kernel
 * facility. Where it is missing, on a contributor's laptop, the test skips
 * with a one-line reason on stderr. Under CI (CI=true: root, every package
 * of .ci/run installed) a missing need fails instead, so a skip can never
 * hide a regression there.
 *
 *   describe.skipIf(lacks('stress-ng windows', { tools: ['stress-ng'] }))('…', …)
 *   it('…', () => { need('a tmpfs mount', { root: true }); … })   // inside a test or an input
 *
 * Not for inputs that are merely absent from this checkout (../shared, see
 * corpus.ts) or a machine too busy to judge (NotQuiet): those skip in CI too.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const IS_ROOT = process.getuid?.() === 0;
export const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

export interface Needs {
  /** Needs uid 0 (cgroups, mounts, network namespaces, another user). */
  root?: boolean;
  /** Executables, looked up on PATH and in the sbin directories a plain user's PATH may lack. */
  tools?: readonly string[];
  /** Files or directories that must exist (a kernel interface, a server's install). */
  paths?: readonly string[];
}

const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

export function hasTool(name: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...SBIN].filter(Boolean);
  return dirs.some((d) => {
    try {
      accessSync(join(d, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What is missing, in one line, or null when everything is there. */
export function whyMissing(n: Needs): string | null {
  const gaps: string[] = [];
  if (n.root && !IS_ROOT) gaps.push('root');
  const tools = (n.tools ?? []).filter((t) => !hasTool(t));
  if (tools.length) gaps.push(tools.join(', '));
  const paths = (n.paths ?? []).filter((p) => !existsSync(p));
  if (paths.length) gaps.push(paths.join(', '));
  return gaps.length ? `needs ${gaps.join(', ')}` : null;
}

/** A need that is not met where the tests run: the test skips (rule-tester.ts and need() callers skip on it). */
export class NeedMissing extends Error {}

function ciFailure(what: string, why: string): Error {
  return new Error(`${what}: ${why}, and CI must run every test (install it in .ci/run, run as root)`);
}

/** For describe.skipIf / it.skipIf: true, with the reason on stderr, when a need is missing; throws under CI. */
export function lacks(what: string, n: Needs): boolean {
  const why = whyMissing(n);
  if (why === null) return false;
  if (IN_CI) throw ciFailure(what, why);
  console.warn(`[sitrep tests] skipped ${what}: ${why}`);
  return true;
}

/** Inside a test or an input: throws NeedMissing when a need is missing (a plain error under CI). */
export function need(what: string, n: Needs): void {
  const why = whyMissing(n);
  if (why === null) return;
  throw IN_CI ? ciFailure(what, why) : new NeedMissing(`${what} ${why}`);
}

/** need(), then t.skip with the reason: for a test body that has its context. */
export function needOrSkip(t: { skip: (note?: string) => void }, what: string, n: Needs): void {
  try {
    need(what, n);
  } catch (e) {
    if (!(e instanceof NeedMissing)) throw e;
    console.warn(`[sitrep tests] skipped ${what}: ${e.message.slice(what.length + 1)}`);
    t.skip(e.message);
  }
}
