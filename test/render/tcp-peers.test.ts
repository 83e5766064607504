/**
 * The TCP tables' peer and client-side counts against the recorded ss text
 * itself: each bundle's sample/ss-tanp.txt is scanned here directly (split on
 * the `@@sitrep` block markers, columns split on blanks) and the counts the
 * Analysis and the HTML report carry must match that scan. Real bundles: a
 * lab CLOSE_WAIT incident (samples/close-wait) and a TIME_WAIT storm recording.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAll } from '../../src/cli/pipeline/load-all.js';
import { buildAnalysis, type Analysis } from '../../src/diagnosis/index.js';
import { renderHtml } from '../../src/render/index.js';
import { estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';

type States = Record<string, number>;
interface Scan {
  peers: Map<string, States>;
  clientPorts: number;
  clientStates: States;
}

/** ss prints `ESTAB`, `CLOSE-WAIT`; the Analysis spells states `ESTABLISHED`, `CLOSE_WAIT`. */
const state = (s: string): string => (s === 'ESTAB' ? 'ESTABLISHED' : s.replace(/-/g, '_'));
const split = (hostPort: string): [string, string] => {
  const i = hostPort.lastIndexOf(':');
  return [hostPort.slice(0, i), hostPort.slice(i + 1)];
};
const sum = (m: States): number => Object.values(m).reduce((a, b) => a + b, 0);

/** The block with the most sockets (the first of equals), counted per peer the way docs/report-json.md says. */
function scan(ssText: string): Scan {
  const blocks = ssText.split(/^@@sitrep .*$/m).map((b) => b.split('\n').filter((l) => l.trim() && !l.startsWith('State')));
  const worst = blocks.reduce((w, b) => (b.length > w.length ? b : w), [] as string[]);
  const rows = worst.map((l) => l.trim().split(/\s+/)).map(([st, , , local, peer]) => ({ st: state(st!), local: split(local!), peer: split(peer!) }));
  const listening = new Set(rows.filter((r) => r.st === 'LISTEN').map((r) => r.local[1]));
  const peers = new Map<string, States>();
  const ports = new Set<string>();
  const clientStates: States = {};
  for (const r of rows) {
    if (r.st === 'LISTEN') continue;
    const inbound = listening.has(r.local[1]);
    const key = inbound ? `${r.peer[0]} in ${r.local[1]}` : `${r.peer[0]}:${r.peer[1]} out`;
    const m = peers.get(key) ?? {};
    m[r.st] = (m[r.st] ?? 0) + 1;
    peers.set(key, m);
    if (!inbound) {
      ports.add(r.local[1]);
      clientStates[r.st] = (clientStates[r.st] ?? 0) + 1;
    }
  }
  return { peers, clientPorts: ports.size, clientStates };
}

async function analyse(bundle: string): Promise<Analysis> {
  const [o] = await loadAll([bundle], { workers: 1 });
  if (!o || !('loaded' in o)) throw new Error(`${bundle} did not load`);
  return buildAnalysis([o.loaded.host], mergeTimelines([o.loaded.timeline], estimateClocks([o.loaded.host])), { version: 'test' });
}

const CASES = [
  { name: 'samples/close-wait app', bundle: join(REPO_ROOT, 'samples', 'close-wait', 'app.tar.gz') },
  { name: 'recording time-wait-storm', bundle: join(REPO_ROOT, 'test', 'recordings', 'time-wait-storm.tar.gz') },
];

describe.each(CASES)('TCP peers of $name', ({ bundle }) => {
  const text = execFileSync('tar', ['-xzOf', bundle, '--wildcards', '*sample/ss-tanp.txt'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const want = scan(text);

  it('lists the top peers with their exact counts and counts the rest', async () => {
    const t = (await analyse(bundle)).tcp[0]!;
    const key = (p: Analysis['tcp'][number]['byPeer'][number]): string => (p.peerPort === null ? `${p.peer} in ${p.localPort}` : `${p.peer}:${p.peerPort} out`);
    expect(want.peers.size).toBeGreaterThan(0);
    expect(t.byPeer.length).toBe(Math.min(50, want.peers.size));
    for (const p of t.byPeer) expect(p.states, key(p)).toEqual(want.peers.get(key(p)));
    const listed = new Set(t.byPeer.map(key));
    const rest = [...want.peers].filter(([k]) => !listed.has(k));
    expect(t.peersMore.peers).toBe(rest.length);
    expect(sum(t.peersMore.states)).toBe(rest.reduce((a, [, m]) => a + sum(m), 0));
    // The listed ones are the biggest.
    const smallestListed = Math.min(...t.byPeer.map((p) => sum(p.states)));
    for (const [, m] of rest) expect(sum(m)).toBeLessThanOrEqual(smallestListed);
  });

  it('counts every client-side port, not only the listed ones', async () => {
    const a = await analyse(bundle);
    const t = a.tcp[0]!;
    expect(t.clientSide).toEqual({ ports: want.clientPorts, states: want.clientStates });
    const html = renderHtml(a);
    if (want.clientPorts > 1) expect(html).toContain(`${want.clientPorts} client-side ports`);
    const top = [...want.peers].sort(([, x], [, y]) => sum(y) - sum(x))[0]!;
    expect(html).toContain('<caption>By peer</caption>');
    expect(html).toContain(top[0].endsWith(' out') ? top[0].slice(0, -4) : top[0].split(' in ')[0]);
  });
});
