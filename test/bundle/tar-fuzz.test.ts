/**
 * Hostile tar structure (issue 15): PAX headers with giant path and size
 * values, a declared size larger than the data, deep nesting, duplicate
 * names, long names, more members than the limit. The headers are written
 * by hand (tar-stream refuses to write most of these), the variations are
 * seeded. Every outcome is a partial analysis or a SitrepError naming the
 * file; never another exception, never an unhandled rejection, and resident
 * memory stays bounded.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors.js';
import { trackUnhandled } from '../helpers/unhandled.js';
import { loadHost } from '../../src/parsers/host.js';
import { rng } from '../helpers/seeded.js';
import { manifest, meta, tempDir, TOP } from './build.js';

interface RawEntry {
  name: string;
  body?: string;
  type?: string;
  pax?: Record<string, string>;
  /** The size the header declares, when it lies about the body. */
  declared?: number;
}

/** One 512-byte ustar header with a correct checksum. */
function header(name: string, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 99), 0, 'latin1');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${Math.min(size, 0o77777777777).toString(8).padStart(11, '0')}\0`, 124);
  h.write('14707060040\0', 136);
  h.write(type, 156);
  h.write('ustar\0' + '00', 257, 'latin1');
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

function padded(body: Buffer): Buffer {
  return Buffer.concat([body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

/** A PAX record: `<len> key=value\n`, the length counting itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let len = rest.length + 1;
  while (String(len).length + rest.length !== len) len = String(len).length + rest.length;
  return `${len}${rest}`;
}

function tarOf(entries: RawEntry[], end = true): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.pax) {
      const pax = Buffer.from(
        Object.entries(e.pax)
          .map(([k, v]) => paxRecord(k, v))
          .join(''),
      );
      parts.push(header('PaxHeader', pax.length, 'x'), padded(pax));
    }
    const body = Buffer.from(e.body ?? '');
    parts.push(header(e.name, e.declared ?? body.length, e.type ?? '0'), padded(body));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const BASE: RawEntry[] = [
  { name: `${TOP}/meta.txt`, body: meta() },
  { name: `${TOP}/manifest.tsv`, body: manifest([['logs/var/log/syslog', 'log', 'log:/var/log/syslog']]) },
  { name: `${TOP}/logs/var/log/syslog`, body: 'Nov 26 05:00:01 web1 app[42]: started\n' },
];

/** Each case: a name and a seeded builder of the hostile entries (added after the base ones). */
const CASES: [string, (r: () => number) => { entries: RawEntry[]; end?: boolean }][] = [
  ['PAX giant path', (r) => ({ entries: [{ name: 'x', pax: { path: `${TOP}/logs/${'p'.repeat(1000 + Math.floor(r() * 2_000_000))}` }, body: 'a\n' }] })],
  ['PAX giant size', (r) => ({ entries: [{ name: `${TOP}/logs/big.log`, pax: { size: `9${'9'.repeat(10 + Math.floor(r() * 40))}` }, body: 'a\n' }] })],
  ['PAX negative or junk size', (r) => ({ entries: [{ name: `${TOP}/logs/neg.log`, pax: { size: r() < 0.5 ? '-5' : '1e400' }, body: 'a\n' }] })],
  [
    'declared size larger than the data',
    (r) => ({ entries: [{ name: `${TOP}/logs/cut.log`, declared: 1 + Math.floor(r() * 2 ** 30), body: 'x'.repeat(Math.floor(r() * 4000)) }], end: false }),
  ],
  ['deep nesting', (r) => ({ entries: [{ name: 'x', pax: { path: `${TOP}/logs/${'d/'.repeat(500 + Math.floor(r() * 20_000))}deep.log` }, body: 'a\n' }] })],
  [
    'duplicate names',
    (r) => ({
      entries: Array.from({ length: 2 + Math.floor(r() * 50) }, (_, i) => ({
        name: i % 2 ? `${TOP}/meta.txt` : `${TOP}/logs/var/log/syslog`,
        body: i % 2 ? meta({ hostname: `h${i}` }) : `Nov 26 05:00:0${i % 10} web1 app[1]: dup ${i}\n`,
      })),
    }),
  ],
  [
    'long names (ustar 100 + PAX)',
    (r) => ({
      entries: Array.from({ length: 20 }, (_, i) => ({
        name: `${TOP}/logs/${'n'.repeat(80)}`,
        pax: { path: `${TOP}/logs/${'n'.repeat(100 + Math.floor(r() * 60_000))}${i}.log` },
        body: 'a\n',
      })),
    }),
  ],
  ['members beyond the limit', () => ({ entries: Array.from({ length: 2_600 }, (_, i) => ({ name: `${TOP}/logs/app/f${i}.log` })) })],
];

let tmp: Awaited<ReturnType<typeof tempDir>>;
const unhandled = trackUnhandled();
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => tmp.cleanup());

describe('hostile tar structure', () => {
  for (const [name, build] of CASES) {
    it(`${name}: a partial analysis or a clean SitrepError, bounded memory`, async () => {
      const r = rng(name.length * 7919);
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const seen: string[] = [];
      for (let seed = 0; seed < 3; seed++) {
        const { entries, end } = build(r);
        const tar = tarOf([...BASE, ...entries], end !== false);
        const file = join(tmp.dir, `case-${seed}.tar${seed % 2 ? '.gz' : ''}`);
        await writeFile(file, seed % 2 ? gzipSync(tar, { level: 1 }) : tar);
        try {
          const host = await loadHost(file, { onEvent: () => undefined, limits: { maxEntries: 2_000 } });
          expect(host.diagnostics.length).toBeLessThanOrEqual(501);
          if (name === 'duplicate names') {
            // the first copy wins for every artifact, and the reader says so
            expect(host.hostname).toBe('web1');
            expect(host.diagnostics.some((d) => /a second member of that name/.test(d.message))).toBe(true);
          }
          seen.push(
            `loaded (${host.logs.length} logs; ${
              host.diagnostics
                .map((d) => d.message.slice(0, 60))
                .slice(0, 2)
                .join(' | ') || 'no diagnostic'
            })`,
          );
        } catch (e) {
          if (!(e instanceof SitrepError)) throw new Error(`${name} seed ${seed}: not a SitrepError: ${(e as Error).stack}`);
          expect(e.oneLine()).toMatch(/^case-\d/);
          seen.push(`${e.code}: ${e.message.slice(0, 60)}`);
        }
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      console.log(`[tar-fuzz] ${name}: ${seen.join('; ')}`);
      await new Promise((res) => setTimeout(res, 20));
      expect(unhandled).toEqual([]);
      expect(peak - rss0).toBeLessThan(300 * 1024 * 1024);
    });
  }
});
