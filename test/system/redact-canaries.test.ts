/**
 * Issue 16's proof: a real capture of this machine (the real script, real ps,
 * its real logs) with planted canaries: a hostname (UTS namespace), a user (a
 * process under a uid named in a bind-mounted passwd), a password in a
 * process's arguments, and in the app logs (one rotated .gz) an address in
 * dotted, dashed and hostname forms, an e-mail, a password, a cloud key and PEM
 * blocks. After `redact` and after `analyze --redact` none is anywhere in the
 * outputs (names, contents, compressed members), the diagnosis equals the
 * unredacted one, and with each pattern turned off the verification fails.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLeak, redactBundles, type RedactKind } from '../../src/redact/index.js';
import { CAPTURE_SCRIPT, IS_ROOT } from '../helpers/capture.js';
import { diagnosisOf, everything, sitrepEnv, whereFound } from '../redact/helpers.js';

const HOST = 'canaryhost-7q2x';
const USER = 'cnryusr7';
const PASSWORD = 'CanaryPw-913';
const IP = '10.77.3.41';
const EMAIL = 'canary.person@canary-corp.test';
const PEM_BODY = 'MIIcanaryPEMbody0123';
const PEM_LINE = 'MIIEcanaryMultiLinePEMbody456';
const AWS = 'AKIACANARY0123456789';
const CANARIES = [HOST, USER, PASSWORD, IP, '10-77-3-41', EMAIL, 'canary-corp', PEM_BODY, PEM_LINE, AWS];

const CAN_RUN = IS_ROOT && existsSync('/usr/bin/unshare') && existsSync('/usr/bin/setpriv');
const tmp = mkdtempSync(join(tmpdir(), 'sitrep-redact-canary-'));
const env = { XDG_CONFIG_HOME: join(tmp, 'config') };
const key = join(tmp, 'key');
let bundle = '';

function appLog(t0: number, lines: string[]): string {
  return lines.map((l, i) => `${new Date(t0 + i * 1000).toISOString()} ${l}\n`).join('');
}

beforeAll(() => {
  if (!CAN_RUN) return;
  writeFileSync(key, 'c'.repeat(64), { mode: 0o600 });
  const t0 = Date.now() - 60_000;
  writeFileSync(
    join(tmp, 'app.log'),
    appLog(t0, [
      `INFO request from ${IP} (ip-10-77-3-41.internal) for ${HOST}`,
      `WARN session opened for user ${USER} from 10-77-3-41`,
      `ERROR mail to ${EMAIL} failed: smtp login password=${PASSWORD}`,
      `ERROR loaded key -----BEGIN PRIVATE KEY-----\\n${PEM_BODY}\\n-----END PRIVATE KEY----- from vault`,
      `INFO using aws key ${AWS}`,
      'ERROR tls key dump follows',
      '-----BEGIN RSA PRIVATE KEY-----',
    ]) +
      `${PEM_LINE}\n-----END RSA PRIVATE KEY-----\n` +
      appLog(t0 + 9000, ['INFO done']),
  );
  writeFileSync(join(tmp, 'app.log.1.gz'), gzipSync(appLog(t0 - 3_600_000, [`INFO earlier from ${IP} for ${USER}`])));
  writeFileSync(join(tmp, 'passwd'), `${readFileSync('/etc/passwd', 'utf8')}${USER}:x:4242:4242::/nonexistent:/usr/sbin/nologin\n`);
  chmodSync(tmp, 0o755);
  const out = join(tmp, 'out');
  const script = [
    `hostname ${HOST}`,
    `mount --bind ${join(tmp, 'passwd')} /etc/passwd`,
    `setpriv --reuid=4242 --regid=4242 --clear-groups sh -c 'sleep 40' sh --db-password ${PASSWORD} & p=$!`,
    `bash ${CAPTURE_SCRIPT} -d 2 -t app -q -o ${out} -l '${tmp}/app.log*'; rc=$?`,
    'kill $p; exit $rc',
  ].join('\n');
  spawnSync('mkdir', ['-p', out]);
  const r = spawnSync('unshare', ['--uts', '--mount', '--propagation', 'private', 'bash', '-c', script], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`capture failed (${r.status}): ${r.stderr}`);
  bundle = join(
    out,
    readdirSync(out).find((f) => f.endsWith('.tar.gz'))!,
  );
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!CAN_RUN)('redaction of a real capture with planted canaries', () => {
  it('the capture holds every canary (else this test could not fail)', () => {
    const all = everything(join(tmp, 'out'));
    for (const c of CANARIES) expect(whereFound(all, c), c).not.toEqual([]);
    expect(
      whereFound(all, `${USER} `).some((k) => /ps\.txt$/.test(k)),
      'user in ps',
    ).toBe(true);
  });

  it('sitrep redact leaves no canary in any name, content or compressed member; the map stays out', async () => {
    const dir = join(tmp, 'red');
    const r = await sitrepEnv(['redact', bundle, '-o', dir, '--key', key, '--map', join(tmp, 'map.tsv')], env);
    expect(r.stderr).not.toMatch(/left unredacted/);
    expect(r.code).toBe(0);
    const all = everything(dir);
    expect([...all.keys()].some((k) => /app\.log\.1\.gz$/.test(k))).toBe(true);
    for (const c of CANARIES) expect(whereFound(all, c), c).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(statSync(join(tmp, 'map.tsv')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(tmp, 'map.tsv'), 'utf8')).toMatch(new RegExp(`^host\\t${HOST}\\thost-[0-9a-f]{6}$`, 'm'));
    const v = await sitrepEnv(['redact', '--verify', dir, '--map', join(tmp, 'map.tsv')], env);
    expect(v.code).toBe(0);
  });

  it('analyze --redact: no canary in HTML, JSON, Markdown or the terminal; the same diagnosis', async () => {
    const o = (f: string): string => join(tmp, 'report', f);
    spawnSync('mkdir', ['-p', join(tmp, 'report')]);
    const red = await sitrepEnv(['analyze', '--redact', bundle, '-o', o('r.html'), '--json', o('r.json'), '--md', o('r.md')], env);
    expect(red.code).toBe(0);
    writeFileSync(o('terminal.txt'), red.stdout + red.stderr);
    const all = everything(join(tmp, 'report'));
    for (const c of CANARIES) expect(whereFound(all, c), c).toEqual([]);
    const plain = await sitrepEnv(['analyze', bundle, '--json', '-', '-q'], env);
    expect(plain.code).toBe(0);
    expect(diagnosisOf(readFileSync(o('r.json'), 'utf8'))).toEqual(diagnosisOf(plain.stdout));
  });

  const CASES: [string, RedactKind[], string, RegExp][] = [
    ['address', ['ipv4', 'ipv4-dashed'], 'ipv4', /app\.log:1$/],
    ['dashed address', ['ipv4', 'ipv4-dashed'], 'ipv4 (dashed)', /app\.log:2$/],
    ['hostname', ['literal'], 'host name', /meta\.txt:\d+$/],
    ['user', ['literal'], 'user name', /ps\.txt:\d+$/],
    ['password', ['secret'], 'secret', /app\.log:3$/],
    ['e-mail', ['email'], 'email', /app\.log:3$/],
    ['PEM in a line', ['pem'], 'pem', /app\.log:4$/],
    ['PEM block', ['pem'], 'pem', /app\.log:8$/],
    ['cloud key', ['cloud-key'], 'cloud-key', /app\.log:5$/],
    ['rotated .gz', ['ipv4', 'ipv4-dashed'], 'ipv4', /app\.log\.1\.gz:1$/],
  ];
  it.each(CASES)('verification catches the %s when its pattern is off', async (_what, off, kind, where) => {
    const dir = mkdtempSync(join(tmp, 'off-'));
    const res = await redactBundles([bundle], join(dir, 'o'), { keyPath: key, disable: new Set(off) });
    const shown = res.leaks.map(formatLeak);
    expect(
      res.leaks.some((l) => l.kind === kind && where.test(`${l.file}:${l.line ?? ''}`)),
      shown.slice(0, 20).join('\n'),
    ).toBe(true);
    for (const c of CANARIES) expect(shown.join('\n')).not.toContain(c);
  });
});
