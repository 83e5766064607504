/**
 * A single line over 8 MiB used to be cut and the part past the cut was a
 * blind spot. Now redact refuses the bundle naming file:line, and verify
 * fails closed on it: a value placed past the cut never escapes either way.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sitrepEnv } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-redact-long-'));
const env = { XDG_CONFIG_HOME: join(tmp, 'config') };
const key = join(tmp, 'k1');
writeFileSync(key, 'a'.repeat(64), { mode: 0o600 });

/** The app sample with `syslog/long.log`: one 9 MiB line, an address and a host name past the 8 MiB cut. */
function longBundle(): string {
  const x = join(tmp, 'x');
  mkdirSync(x);
  expect(spawnSync('tar', ['-xzf', 'samples/close-wait/app.tar.gz', '-C', x]).status).toBe(0);
  const top = spawnSync('ls', [x]).stdout.toString().trim();
  const log = join(x, top, 'long.log');
  writeFileSync(log, 'ok 1\n' + 'x'.repeat(8 * 1024 * 1024 + 4096));
  appendFileSync(log, ' from 203.0.113.77 host app1 password=hunter2\nok 3\n');
  const out = join(tmp, 'in', 'app.tar.gz');
  mkdirSync(join(tmp, 'in'));
  expect(spawnSync('tar', ['-czf', out, '-C', x, top]).status).toBe(0);
  return out;
}

describe('a line over 8 MiB', () => {
  const bundle = longBundle();

  it('redact refuses the bundle with one line naming file and line, writes no output', async () => {
    const r = await sitrepEnv(['redact', bundle, '-o', join(tmp, 'out'), '--key', key, '--map', join(tmp, 'm.map')], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/app\.tar\.gz:.*long\.log:2: line longer than 8388608 bytes refused/);
    expect(r.stderr).not.toMatch(/203\.0\.113\.77|hunter2|\n\s+at /);
    expect(existsSync(join(tmp, 'out')) ? spawnSync('ls', [join(tmp, 'out')]).stdout.toString() : '').not.toMatch(/\.tar\.gz\b(?!\.partial)/);
  });

  it('verify fails closed on the unredacted value past the cut', async () => {
    const r0 = await sitrepEnv(['redact', 'samples/close-wait/app.tar.gz', '-o', join(tmp, 'v'), '--key', key, '--map', join(tmp, 'm.map')], env);
    expect(r0.code).toBe(0);
    const r = await sitrepEnv(['redact', '--verify', join(tmp, 'in'), '--map', join(tmp, 'm.map')], env);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/long\.log:2: line over 8 MiB not verifiable/);
    expect(r.stderr).not.toMatch(/203\.0\.113\.77|hunter2/);
  });
});
