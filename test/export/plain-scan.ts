/**
 * What a bundle says, read without sitrep: the tar opened with tar-stream and
 * its lines matched by regexes written here, not by sitrep's parsers or signal
 * catalogue. The export tests compare the fleet store's answers with these.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CLF = /\[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)\] "[^"]*" (\d{3}) /;
/** The kernel's OOM kill line, system-wide ("Out of memory: Killed process") or in a memory cgroup. */
const OOM_KILL = /out of memory: kill(?:ed)? process \d+ /i;
const ACCESS_LOG = /nginx-access\.log$|nginx\/access\.log$/;
/** Where a capture keeps the kernel's messages: dmesg, and kern.log, syslog, messages or the journal among its logs. */
const KERNEL_LOG = /\/cmd\/dmesg[^/]*$|\/logs\/.*(?:kern\.log|syslog|messages|journal[^/]*)$/;

export interface PlainScan {
  hostname: string;
  /** Epoch ms of the first 5xx response in any nginx access log, or null. */
  first5xx: number | null;
  /** OOM kill lines in the kernel logs. */
  oomKills: number;
}

function first5xxIn(text: string): number | null {
  let first: number | null = null;
  for (const line of text.split('\n')) {
    const m = CLF.exec(line);
    if (!m || Number(m[10]) < 500 || Number(m[10]) > 599) continue;
    const off = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) * 60_000;
    const t = Date.UTC(Number(m[3]), MON.indexOf(m[2]!), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - off;
    if (first === null || t < first) first = t;
  }
  return first;
}

/** The bundle's hostname (meta.txt), first 5xx and OOM kill count. */
export async function plainScan(bundle: string): Promise<PlainScan> {
  const extract = tar.extract();
  const reading = pipeline(createReadStream(bundle), createGunzip(), extract);
  const out: PlainScan = { hostname: '', first5xx: null, oomKills: 0 };
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const name = entry.header.name;
    if (name.endsWith('/meta.txt')) out.hostname = /^hostname=(.*)$/m.exec(text)?.[1] ?? '';
    if (KERNEL_LOG.test(name)) out.oomKills += text.split('\n').filter((l) => OOM_KILL.test(l)).length;
    if (!ACCESS_LOG.test(name)) continue;
    const t = first5xxIn(text);
    if (t !== null && (out.first5xx === null || t < out.first5xx)) out.first5xx = t;
  }
  await reading;
  return out;
}
