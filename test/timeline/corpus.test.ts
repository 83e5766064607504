/**
 * Real kernel logs from the shared corpus must yield their signals. Lines are
 * read with a plain split and the dmesg prefix stripped (the kernel parser is
 * written elsewhere); the expected classification comes from each project's
 * own labels: syzkaller's TITLE, abrt's .right extraction, NPD's problem names.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logParser } from '../../src/parsers/registry.js';
import type { LogEvent } from '../../src/parsers/types.js';
import { classify } from '../../src/timeline/signals/index.js';
import { HAS_CORPUS, corpusPath } from '../helpers/corpus.js';
import { FAMILY_SOURCE, eventOf, kernelMessage } from './helpers.js';

const DMESG = FAMILY_SOURCE.kernel;

function signalsOf(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const id = classify(eventOf(kernelMessage(line), DMESG));
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const show = (m: Map<string, number>): string => [...m].map(([k, v]) => `${k}=${v}`).join(' ');
const CRASH = new Set(['kernel-oops', 'kernel-panic', 'kernel-bug', 'kernel-warning', 'mce', 'segfault', 'soft-lockup', 'hung-task', 'rcu-stall']);

describe.skipIf(!HAS_CORPUS)('OOMAnalyser: every example yields its OOM kill', () => {
  const dir = corpusPath('OOMAnalyser');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.startsWith('example_'))
        .sort()
    : [];
  it('has the four examples', () => expect(files.length).toBe(4));
  for (const f of files) {
    it(f, () => {
      const got = signalsOf(readFileSync(`${dir}/${f}`, 'utf8'));
      console.log(`[corpus] OOMAnalyser/${f}: ${show(got)}`);
      const cgroup = f.includes('cgroup');
      expect(got.get(cgroup ? 'oom-kill-cgroup' : 'oom-kill')).toBe(1);
      expect(got.get(cgroup ? 'oom-kill' : 'oom-kill-cgroup')).toBeUndefined();
      expect(got.get('oom-killer-invoked')).toBe(1);
    });
  }
});

/** syzkaller TITLE prefix → the signal its console log must yield. */
const SYZ_EXPECT: [RegExp, string][] = [
  [/^INFO: task (?:hung|can't die)/, 'hung-task'],
  [/^INFO: rcu detected stall/, 'rcu-stall'],
  [/^BUG: soft lockup/, 'soft-lockup'],
  [/^BUG: workqueue lockup/, 'workqueue-lockup'],
  [/^(?:BUG: unable to handle kernel|general protection fault|divide error|PANIC: double fault|kernel BUG)/, 'kernel-oops'],
  [/^BUG: Bad page/, 'kernel-bug'],
  [/^WARNING/, 'kernel-warning'],
  [/^kernel panic/, 'kernel-panic'],
  [/^unregister_netdevice: waiting/, 'netdev-unregister-wait'],
];
/** Titles deliberately outside the catalogue, with why. */
const SYZ_EXCLUDED: [RegExp, string][] = [
  [/^VFS: (?:Close: file count is zero|Busy inodes after unmount)/, 'use-after-free symptoms syzkaller infers; no USE resource meaning'],
];

describe.skipIf(!HAS_CORPUS)('syzkaller: each report yields the signal its TITLE names', () => {
  const index = HAS_CORPUS ? readFileSync(corpusPath('syzkaller', 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1) : [];
  const tally = new Map<string, number>();
  it('indexes 76 reports', () => expect(index.length).toBe(76));
  for (const row of index) {
    const [file, title] = row.split('\t') as [string, string];
    it(`${file}: ${title}`, () => {
      if (SYZ_EXCLUDED.some(([re]) => re.test(title))) return;
      const want = SYZ_EXPECT.find(([re]) => re.test(title))?.[1];
      expect(want, `title not mapped: ${title}`).toBeDefined();
      const text = readFileSync(corpusPath('syzkaller/pkg/report/testdata/linux/report', file), 'utf8');
      const log = text.slice(text.indexOf('\n\n') + 2); // header (TITLE:, TYPE:...) ends at the first blank line
      const got = signalsOf(log);
      expect(got.get(want!) ?? 0, `${want} in ${show(got)}`).toBeGreaterThan(0);
      tally.set(want!, (tally.get(want!) ?? 0) + 1);
    });
  }
  it('prints the tally', () => {
    console.log(`[corpus] syzkaller reports per expected signal: ${show(tally)}`);
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(index.length - 2);
  });
});

// The same reports through the real kernel parser (registry), which joins continuation lines into one event.
const kernelParser = logParser('kernel');
describe.skipIf(!HAS_CORPUS || !kernelParser || kernelParser.samples.length === 0)('syzkaller through logParser(kernel)', () => {
  const index = HAS_CORPUS ? readFileSync(corpusPath('syzkaller', 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1) : [];
  for (const row of index) {
    const [file, title] = row.split('\t') as [string, string];
    const want = SYZ_EXPECT.find(([re]) => re.test(title))?.[1];
    if (!want) continue; // the excluded titles, checked above
    it(`${file}: ${want}`, () => {
      const text = readFileSync(corpusPath('syzkaller/pkg/report/testdata/linux/report', file), 'utf8');
      const r = kernelParser!.open({ file: DMESG, clock: { captureStartMs: Date.UTC(2026, 10, 26), monoAtStartS: 100_000 } });
      const evs: LogEvent[] = [];
      text
        .slice(text.indexOf('\n\n') + 2)
        .split('\n')
        .forEach((l, i) => {
          const e = r.push(l, i + 1);
          if (e) evs.push(e);
        });
      const last = r.end();
      if (last) evs.push(last);
      const got = new Set(evs.map((e) => classify({ ...e, source: DMESG })));
      expect(got.has(want), `${want} in ${[...got].join(',')}`).toBe(true);
    });
  }
});

describe.skipIf(!HAS_CORPUS)('abrt: every oops abrt-dump-oops extracts is a crash signal', () => {
  const dir = corpusPath('abrt/tests/examples');
  const rights = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.right'))
        .sort()
    : [];
  // xorg_journal_crash*: X server backtraces, not kernel oopses; no .test for the others.
  const pairs = rights.filter((r) => existsSync(`${dir}/${r.replace(/\.right$/, '.test')}`) && !r.startsWith('xorg_'));
  it('has the pairs', () => expect(pairs.length).toBe(21));
  for (const r of pairs) {
    it(r, () => {
      const right = readFileSync(`${dir}/${r}`, 'utf8').split('\n');
      const test = readFileSync(`${dir}/${r.replace(/\.right$/, '.test')}`, 'utf8');
      const found = Number(/Found oopses: (\d+)/.exec(right[0] ?? '')?.[1] ?? 0);
      const got = signalsOf(test);
      console.log(`[corpus] abrt/${r}: found=${found} ${show(got)}`);
      if (found === 0) {
        expect([...got.keys()].filter((k) => CRASH.has(k))).toEqual([]);
        return;
      }
      // The first text line after each `Version:` is the oops' headline as abrt extracted it.
      const heads = right.flatMap((l, i) => (l.startsWith('Version:') ? [right.slice(i + 1).find((x) => x.trim() !== '')!] : []));
      expect(heads.length).toBe(found);
      for (const h of heads) {
        expect(test, 'headline is in the raw log').toContain(h.trim());
        expect(CRASH.has(classify(eventOf(h, DMESG)) ?? ''), h).toBe(true);
      }
    });
  }
});

/** NPD problem file → the signal its first line must yield (undefined: NPD flags it, the catalogue deliberately does not). */
const NPD_EXPECT: Record<string, string | undefined> = {
  oom_kill: 'oom-kill-cgroup',
  docker_hung: 'hung-task',
  aufs_umount_hung: 'hung-task',
  null_pointer: 'kernel-oops',
  divide_zero: 'kernel-oops',
  readonly_filesystem: 'fs-readonly',
  unregister_netdevice: 'netdev-unregister-wait',
  au_opts_verify: undefined, // an aufs mount-option notice, no resource meaning
};

describe.skipIf(!HAS_CORPUS)('node-problem-detector: problem logs and NPD rules', () => {
  const dir = corpusPath('node-problem-detector/test/kernel_log_generator/problems');
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  it('knows every problem file', () => expect(files.sort()).toEqual(Object.keys(NPD_EXPECT).sort()));
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(`${dir}/${f}`, 'utf8');
      const first = text.split('\n')[0]!;
      console.log(`[corpus] npd/${f}: ${show(signalsOf(text))}`);
      expect(classify(eventOf(first, DMESG))).toBe(NPD_EXPECT[f]);
    });
  }
  it("every line an NPD kernel rule flags yields that rule's signal", () => {
    const REASON: Record<string, string> = {
      TaskHung: 'hung-task',
      DockerHung: 'hung-task',
      KernelOops: 'kernel-oops',
      UnregisterNetDevice: 'netdev-unregister-wait',
      Ext4Error: 'fs-error',
      IOError: 'disk-io-error',
      XfsHasShutdown: 'fs-error',
      FilesystemIsReadOnly: 'fs-readonly',
    };
    // OOMKilling's pattern is the bare `Killed process N (x) total-vm:` line: the catalogue counts a kill once, on the
    // `Out of memory:` / `Memory cgroup out of memory:` line before it, which says global or cgroup.
    const lines = files.flatMap((f) => readFileSync(`${dir}/${f}`, 'utf8').split('\n'));
    let checked = 0;
    for (const cfg of ['kernel-monitor.json', 'readonly-monitor.json']) {
      const rules = (JSON.parse(readFileSync(corpusPath('node-problem-detector/config', cfg), 'utf8')) as { rules: { reason: string; pattern: string }[] })
        .rules;
      for (const rule of rules) {
        const want = REASON[rule.reason];
        if (!want) continue;
        const re = new RegExp(rule.pattern);
        for (const line of lines.filter((l) => re.test(l))) {
          expect(classify(eventOf(line, DMESG)), `${rule.reason}: ${line}`).toBe(want);
          checked++;
        }
      }
    }
    console.log(`[corpus] npd rule-flagged lines checked: ${checked}`);
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});
