/**
 * The fail-closed check of written bundles. `sitrep redact --verify` scans
 * every bundle name, member name and member content (nested .gz inflated) for
 * the original literals and for every generic shape outside the kept and alias
 * ranges. After a redaction the content was already scanned as it was written
 * (batch.ts, member.ts); the read-back then checks every name the same way and
 * that each member holds exactly the bytes that were scanned (SHA-256). A hit
 * names the file, the line and the kind of value, never the value.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { DiagnosticLog, readBundle, type BundleMember } from '../bundle/index.js';
import type { RawMember } from '../bundle/source.js';
import { SitrepError } from '../errors.js';
import { Checker, type Leak } from './checker.js';
import { eachLine } from './lines.js';
import type { Literal } from './patterns.js';
import type { PemState } from './pem.js';
import { OPAQUE } from './writer.js';

export type { Leak } from './checker.js';

/** A member as written: its name in the output (top directory stripped) and the SHA-256 of its content. */
export interface WrittenMember {
  path: string;
  sha256: string;
}

/**
 * Every name in the archive as stored (the top directory and skipped entries
 * included: the reader strips the one and hides the others), then each
 * readable member's content through `content`; whatever the reader skipped or
 * cut fails closed. One pass: `stream` is the archive as it is written, else
 * the file at `path` is read.
 */
async function walk(path: string, check: Checker, content: (m: BundleMember, file: string, index: number) => Promise<void>, stream?: Readable): Promise<void> {
  const leaks = check.leaks;
  const name = check.name(Buffer.from(basename(path), 'utf8').toString('latin1'), '');
  const diags = new DiagnosticLog(name, 10_000);
  const onRaw = (raw: RawMember): void => void check.name(Buffer.from(raw.name, 'utf8').toString('latin1'), name);
  let index = 0;
  for await (const m of readBundle(path, { diagnostics: diags, onRaw, ...(stream ? { stream } : {}) })) {
    const file = check.name(m.path, name, false); // reported as stored, by onRaw
    if (OPAQUE.test(m.path)) leaks.push({ file, kind: 'unreadable compressed member' });
    else await content(m, file, index++);
  }
  for (const d of diags.list) {
    if (d.level !== 'info')
      leaks.push({ file: d.member ? check.name(d.member, name, false) : name, kind: 'member not verifiable (skipped or cut by the reader)' });
  }
}

/** Scans written bundles whole against the original `literals` (may be empty: generic shapes only). */
export async function verifyBundles(paths: readonly string[], literals: readonly Literal[]): Promise<Leak[]> {
  const check = new Checker(literals, []);
  for (const path of paths) {
    await walk(path, check, async (m, file) => {
      const st: PemState = { inPem: false, lines: 0 };
      try {
        await eachLine(m.bytes(), (line, n) => check.line(line, st, file, n));
      } catch (e) {
        if (!(e instanceof SitrepError)) throw e;
        check.leaks.push({ file, ...(e.line !== undefined ? { line: e.line } : {}), kind: 'line over 8 MiB not verifiable' });
      }
    });
  }
  return check.leaks;
}

/**
 * Reads a written bundle back: its names checked, each member's content the
 * bytes scanned as they were written. `stream`: the compressed bytes as they
 * go to the file at `path`, so this runs while the bundle is written; the
 * writer lists a member in `written` before its first byte is in the archive.
 */
export async function confirmBundle(path: string, written: readonly WrittenMember[], literals: readonly Literal[], stream?: Readable): Promise<Leak[]> {
  const check = new Checker(literals, []);
  let seen = 0;
  await walk(
    path,
    check,
    async (m, file, i) => {
      const hash = createHash('sha256');
      for await (const c of m.bytes()) hash.update(c);
      const want = written[i];
      seen = i + 1;
      if (want === undefined || want.path !== m.path || want.sha256 !== hash.digest('hex'))
        check.leaks.push({ file, kind: 'content not the content verified' });
    },
    stream,
  );
  const file = check.name(Buffer.from(basename(path), 'utf8').toString('latin1'), '', false);
  if (seen < written.length) check.leaks.push({ file, kind: `${written.length - seen} written member(s) not read back` });
  if (seen > written.length) check.leaks.push({ file, kind: `${seen - written.length} member(s) read back that were not written` });
  return check.leaks;
}
