/**
 * `ip -s link` (and `ip link`, `ip -s -s link`) → one record per interface
 * (jc has no `ip link` parser): `index`, `name`, `link` (the peer after `@`,
 * or null), `flags` (array), then the header's key/value pairs (`mtu`,
 * `qdisc`, `state`, `mode`, `group`, `qlen`, `master`, ...; numbers as
 * integers, `-` → `_` in keys), `link_type`, `address`, `broadcast`,
 * `altnames`, and the statistics as `rx_<column>` / `tx_<column>` from the
 * RX/TX header words (`rx_bytes`, `rx_dropped`, `rx_missed` — old iproute2
 * says `rx_overrun` — `tx_carrier`, `tx_collsns`; with -s -s also
 * `rx_errors_crc`, `tx_errors_aborted`...). Integers throughout.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type IpLinkRecord = Record<string, string | number | null | string[]>;

const HEAD = /^(\d+):\s+([^:@\s]+)(?:@([^:\s]+))?:\s+<([^>]*)>\s*(.*)$/;

function snake(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function pairs(rec: IpLinkRecord, words: string[]): void {
  for (let k = 0; k + 1 < words.length; k += 2) {
    const v = words[k + 1] ?? '';
    rec[snake(words[k] ?? '')] = pyInt(v) ?? v;
  }
}

export const ipLink: CommandParser<IpLinkRecord[]> = {
  id: 'ip-link',
  title: 'ip -s link',
  artifactNames: ['ip-s-link'],
  detect(head) {
    return /^\d+: \S+: <[A-Z_,-]*> mtu \d+/m.test(head) && /^\s+link\//m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: IpLinkRecord[] = [];
    let cur: IpLinkRecord | null = null;
    let stats: { prefix: string; cols: string[] } | null = null;
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const h = HEAD.exec(line);
      if (h) {
        cur = { index: Number(h[1]), name: h[2] ?? '', link: h[3] ?? null, flags: (h[4] ?? '').split(',').filter((f) => f) };
        pairs(
          cur,
          (h[5] ?? '')
            .trim()
            .split(/\s+/)
            .filter((w) => w),
        );
        data.push(cur);
        stats = null;
        return;
      }
      const t = line.trim();
      if (!cur) {
        diags.error(`line before any interface: ${t.slice(0, 80)}`, i + 1);
        return;
      }
      const rec: IpLinkRecord = cur;
      const st = /^(RX|TX)(?:\s+errors)?:\s*(.*)$/.exec(t);
      if (st) {
        const errs = /^(RX|TX)\s+errors:/.test(t);
        stats = { prefix: `${(st[1] ?? '').toLowerCase()}_${errs ? 'errors_' : ''}`, cols: (st[2] ?? '').split(/\s+/).filter((w) => w) };
        return;
      }
      if (stats && /^-?\d+(\s+-?\d+)*$/.test(t)) {
        const vals = t.split(/\s+/);
        const s: { prefix: string; cols: string[] } = stats;
        if (vals.length !== s.cols.length) diags.error(`${vals.length} values under ${s.cols.length} ${s.prefix} columns`, i + 1);
        s.cols.forEach((c, k) => {
          if (vals[k] !== undefined) rec[`${s.prefix}${snake(c)}`] = pyInt(vals[k] ?? '');
        });
        stats = null;
        return;
      }
      stats = null;
      const link = /^link\/(\S+)(?:\s+(\S+))?(?:\s+(?:brd|peer)\s+(\S+))?\s*(.*)$/.exec(t);
      if (link) {
        rec['link_type'] = link[1] ?? '';
        rec['address'] = link[2] ?? null;
        rec['broadcast'] = link[3] ?? null;
        pairs(
          rec,
          (link[4] ?? '').split(/\s+/).filter((w) => w),
        );
        return;
      }
      const alt = /^altname\s+(\S+)$/.exec(t);
      if (alt) {
        rec['altnames'] = [...((rec['altnames'] as string[] | undefined) ?? []), alt[1] ?? ''];
        return;
      }
      diags.warn(`unrecognised interface line: ${t.slice(0, 80)}`, i + 1);
    });
    return { data, diagnostics: diags.done() };
  },
};
