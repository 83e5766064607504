/**
 * The analyzer on a fresh capture of this machine by scripts/sitrep-capture.sh:
 * inspect and parse work, and loading raises no bundle-level error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestEntries } from '../../src/bundle/manifest-table.js';
import { loadHost } from '../../src/parsers/host.js';
import { CAPTURE_SCRIPT, IS_ROOT, readBundle, runCapture, tempDir } from '../helpers/capture.js';
import { sitrep } from './run.js';

const HAS_SCRIPT = existsSync(CAPTURE_SCRIPT);
const DMESG_READABLE = IS_ROOT || !existsSync('/proc/sys/kernel/dmesg_restrict') || readFileSync('/proc/sys/kernel/dmesg_restrict', 'utf8').trim() === '0';
if (!HAS_SCRIPT) console.warn(`[sitrep tests] ${CAPTURE_SCRIPT} is absent: capture tests are skipped`);

describe.skipIf(!HAS_SCRIPT)('a fresh capture', () => {
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    dir = tempDir('sitrep-cli-capture-');
    const r = await runCapture(['-d', '2', '-o', dir]);
    if (!r.bundlePath) throw new Error(`capture failed (${r.exitCode}): ${r.stderr.slice(-2000)}`);
    bundle = r.bundlePath;
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('sitrep inspect lists its artifacts and window', async () => {
    const r = await sitrep(['inspect', bundle]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^window +\d{4}-\d\d-\d\dT[\d:.]+Z → \d{4}-\d\d-\d\dT[\d:.]+Z \(\d+ s\)$/m);
    expect(r.stdout).toMatch(/^proc-meminfo +ok +\d+ +proc\/proc-meminfo\.txt$/m);
    const j = JSON.parse((await sitrep(['inspect', bundle, '--json', '-'])).stdout);
    expect(j.formatVersion).toBe('1');
    expect(j.artifacts.length).toBeGreaterThan(20);
  });

  it('sitrep parse reads its artifacts: a marked /proc file (detected) and the journal', async () => {
    const b = readBundle(bundle);
    const meminfo = join(dir, 'proc-meminfo.txt');
    await writeFile(meminfo, b.files.get('proc/proc-meminfo.txt')!);
    const r = await sitrep(['parse', meminfo]);
    expect(r.code).toBe(0);
    const blocks = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(typeof blocks[0].time).toBe('number');
    expect(blocks[0].data).toBeTruthy();
    if (b.files.has('journal/journal.txt') && b.files.get('journal/journal.txt')!.length > 0) {
      const journal = join(dir, 'journal.txt');
      await writeFile(journal, b.files.get('journal/journal.txt')!);
      const j = await sitrep(['parse', '--as', 'journal', journal]);
      expect(j.code).toBe(0);
      expect(JSON.parse(j.stdout.split('\n')[0]!).source).toBe(journal);
    }
  });

  it('loads with zero bundle-level error diagnostics, every artifact through the registry', async () => {
    let events = 0;
    const host = await loadHost(bundle, { onEvent: () => events++ });
    const bundleErrors = host.diagnostics.filter((d) => d.level === 'error' && d.origin !== 'parser');
    expect(bundleErrors).toEqual([]);
    expect(host.hostname).toBe(host.meta.hostname);
    expect(host.clock.captureStartMs).toBeGreaterThan(0);
    expect(host.artifacts.find((a) => a.name === 'proc-meminfo')?.blocks.length).toBeGreaterThanOrEqual(2);
    if (DMESG_READABLE) expect(host.logs.map((l) => l.path)).toContain('cmd/dmesg.txt');
    // kernel.dmesg_restrict=1 and not root: the capture cannot read the kernel log, and says so in the manifest.
    else expect([...manifestEntries(host.manifest)].find((e) => e.name === 'dmesg')?.status).not.toBe('ok');
    expect(events).toBe(host.logs.reduce((n, l) => n + l.events, 0));
  });
});
