/** 'net-speed': the capture script's own listing of each /sys/class/net entry's speed, run on this host. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../src/parsers/registry.js';
import { lacks } from '../helpers/need.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const parser = commandParser('net-speed')!;
const ctx = { file: 'snap/start/net-speed.txt', clock: {} };
const fn = /^net_speed_main\(\) \{[\s\S]*?^\}/m.exec(readFileSync(`${REPO_ROOT}/scripts/sitrep-capture.sh`, 'utf8'))?.[0] ?? '';
const listing = (prefix: string[] = []): string =>
  execFileSync(prefix[0] ?? 'bash', [...prefix.slice(1), ...(prefix.length ? ['bash'] : []), '-c', `${fn}\nnet_speed_main`], { encoding: 'utf8' });

describe("'net-speed'", () => {
  it('reads every interface of this host from the capture function', () => {
    expect(fn).not.toBe('');
    const r = parser.parse(listing(), ctx);
    expect(r.diagnostics).toEqual([]);
    const names = (r.data as { name: string }[]).map((x) => x.name).sort();
    expect(names).toEqual(
      readdirSync('/sys/class/net')
        .filter((n) => n !== 'bonding_masters')
        .sort(),
    );
    // Loopback has no link speed: reading it fails (EINVAL), listed as "-", parsed as unknown.
    expect(r.data).toContainEqual({ name: 'lo', speed_mbps: null });
  });

  it.skipIf(lacks('a veth in a network namespace', { root: true, tools: ['ip'] }))("a veth in a network namespace reports the driver's 10000 Mbit/s", () => {
    const ns = `sitrep-speed-${process.pid}`;
    execFileSync('ip', ['netns', 'add', ns]);
    try {
      execFileSync('ip', ['-n', ns, 'link', 'add', 'sp0', 'type', 'veth', 'peer', 'name', 'sp1']);
      execFileSync('ip', ['-n', ns, 'link', 'set', 'sp0', 'up']);
      execFileSync('ip', ['-n', ns, 'link', 'set', 'sp1', 'up']);
      const text = listing(['ip', 'netns', 'exec', ns]);
      const r = parser.parse(text, ctx);
      expect(r.diagnostics).toEqual([]);
      expect(r.data).toContainEqual({ name: 'sp0', speed_mbps: 10000 });
    } finally {
      execFileSync('ip', ['netns', 'del', ns]);
    }
  });

  it('a line that is not "interface speed" is a diagnostic on its own line', () => {
    const r = parser.parse('eth0 1000\nwhat is this\nlo -\n', ctx);
    expect(r.diagnostics.map((d) => d.line)).toEqual([2]);
    expect(r.data).toEqual([
      { name: 'eth0', speed_mbps: 1000 },
      { name: 'lo', speed_mbps: null },
    ]);
  });
});
