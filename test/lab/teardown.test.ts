/**
 * A lab scenario stopped before its end (a test's timeout, the runner's -t)
 * must leave nothing behind, at once: on 2026-12-05 a timed-out app-cpu kept
 * its stack up and the ten scenarios after it could not start PostgreSQL.
 * Each case aborts a real scenario, reads from the kernel what was up at that
 * moment (labState, taken by a listener that runs before the teardown), then
 * what is up once runScenario has returned, and finally runs the next
 * scenario to its bundles.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { runScenario } from '../../scripts/lab/run.mjs';
// @ts-expect-error plain ESM module without types
import { PORTS } from '../../scripts/lab/stack.mjs';
import { lacks } from '../helpers/need.js';
import { inNamespaces, labState, type LabState } from './leftovers.js';

const LAB_MISSING = lacks('the incident lab', { root: true, tools: ['nginx', 'fio', 'runuser', 'psql', 'unshare'], paths: ['/usr/lib/postgresql'] });
const NOTHING: LabState = { ports: [], processes: [], cgroups: [], namespaces: [] };
const TIERS_UP = [PORTS.db, PORTS.web, PORTS.app].sort((a: number, b: number) => a - b);

// Every lab of this file works under `root`: its processes and files are told apart from others by it.
const root = mkdtempSync(join(tmpdir(), 'sitrep-lab-teardown-'));
chmodSync(root, 0o755); // PostgreSQL (user postgres) must reach its data directory inside
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Abort {
  /** What was up the moment the signal fired, before the lab's own listener tore it down. */
  up: LabState | undefined;
  at: number;
}

/** Watch `signal` (call before runScenario, so this listener runs first). */
function watched(signal: AbortSignal): Abort {
  const abort: Abort = { up: undefined, at: 0 };
  signal.addEventListener(
    'abort',
    () => {
      abort.at = Date.now();
      abort.up = labState(root);
    },
    { once: true },
  );
  return abort;
}

/** runScenario's error, ms from the abort to its return, and what is up after it. */
async function stopped(pending: Promise<unknown>, abort: Abort): Promise<{ error: Error; ms: number; up: LabState | undefined; left: LabState }> {
  const error = await pending.then(
    () => new Error('the scenario ran to its end: the abort came too late to test anything'),
    (err: Error) => err,
  );
  return { error, ms: abort.at ? Date.now() - abort.at : -1, up: abort.up, left: labState(root) };
}

/** No lab directory or capture work directory (.sitrep.*) left under root. */
function leftFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      if (e.name.startsWith('sitrep-lab-') || e.name.startsWith('.sitrep.')) found.push(join(dir, e.name));
      else if (depth < 3) walk(join(dir, e.name), depth + 1);
    }
  };
  walk(root, 0);
  return found;
}

describe.skipIf(LAB_MISSING)('lab teardown', () => {
  // As test/lab/lab.test.ts runs a scenario: the test's signal, and afterEach waiting for the teardown.
  let running: Promise<unknown> | undefined;
  let observed: ReturnType<typeof stopped> | undefined;
  afterEach(async () => {
    await running?.catch(() => undefined);
    running = undefined;
  });

  // A dirty scenario: no quiet-machine wait, so 6 s lands in its stack's start or its earlier memory incident.
  it.fails(
    'a scenario past a tiny vitest timeout (expected to fail: it times out)',
    async ({ signal }) => {
      expect(labState(root), 'a lab was already up: run under flock /tmp/sitrep-live.lock').toEqual(NOTHING);
      const seen = watched(signal);
      const pending = runScenario('memory-then-close-wait', { seconds: 8, workRoot: root, outDir: join(root, 'bundles'), signal });
      running = pending;
      observed = stopped(pending, seen);
      await pending;
    },
    6000,
  );

  it('is torn down before the next test starts', async () => {
    const outcome = await observed;
    console.log(
      `vitest timeout: up at the abort ${JSON.stringify({ ...outcome?.up, processes: outcome?.up?.processes.length })}; torn down in ${outcome?.ms} ms`,
    );
    expect(outcome?.error?.message).toMatch(
      /memory-then-close-wait stopped and torn down in its (quiesce|stack|earlier) stage, \d+ s into it: Test timed out in 6000ms/,
    );
    // Where 6 s lands depends on the machine; PostgreSQL at least was started (synchronously) by then.
    expect(outcome?.up?.processes.some((p) => p.includes('pgdata'))).toBe(true);
    expect(outcome?.left).toEqual(NOTHING);
    expect(labState(root)).toEqual(NOTHING);
    expect(leftFiles()).toEqual([]);
  });

  it('a scenario aborted while it captures leaves no port, process, cgroup or namespace, and the next one runs', async () => {
    expect(labState(root)).toEqual(NOTHING);
    const ac = new AbortController();
    const seen = watched(ac.signal);
    const pending = runScenario('memory', { seconds: 8, workRoot: root, outDir: join(root, 'bundles'), signal: ac.signal });
    running = pending;
    // The worst moment: every tier up, the app in its memory cgroup, three captures sampling in their own UTS namespaces.
    const busy = (s: LabState): boolean => s.cgroups.length > 0 && s.namespaces.length === 3 && s.ports.length >= 3;
    while (!busy(labState(root))) {
      const done = await Promise.race([
        pending.then(
          () => true,
          () => true,
        ),
        sleep(200, false),
      ]);
      expect(done, 'the scenario ended before its captures were seen').toBe(false);
    }
    // Into the fault's traffic (after the 1.5 s baseline): the scenario notices the abort only when a
    // loop turns, so its second stop() comes ms later, mid-way through the captures' own cleanup.
    await sleep(2500);
    ac.abort(new Error('test: aborted while capturing'));
    const { error, ms, left, up = NOTHING } = await stopped(pending, seen);
    console.log(`aborted while capturing: up ${JSON.stringify({ ...up, processes: up.processes.length })}; torn down in ${ms} ms`);
    expect(error.message).toMatch(/memory stopped and torn down in its window stage, \d+ s into it: test: aborted while capturing; stages \{"quiesce":/);
    expect(up.ports).toEqual(TIERS_UP);
    // Three captures, each in its own UTS namespace (with its forked samplers: more processes than three).
    expect(up.namespaces).toHaveLength(3);
    expect(up.processes.filter((p) => p.includes('sitrep-capture.sh')).length).toBeGreaterThanOrEqual(3);
    expect(left).toEqual(NOTHING);
    expect(inNamespaces(up.namespaces)).toEqual([]);
    expect(leftFiles()).toEqual([]);

    const next = (await runScenario('healthy', { seconds: 4, workRoot: root, outDir: join(root, 'bundles') })) as { bundles: Record<string, string> };
    expect(Object.values(next.bundles).filter((b) => existsSync(b))).toHaveLength(3);
    expect(labState(root)).toEqual(NOTHING);
  }, 420_000);
});
