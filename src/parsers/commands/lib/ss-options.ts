/**
 * The optional tail of an `ss` socket line (`users:((...)) ino:1 sk:2
 * cgroup:/x <->`, `timer:(keepalive,119min,0)`) and the `-i` info line
 * (`cubic wscale:7,7 rto:204 rtt:0.5/0.25 ... send 5.2Gbps`).
 */
export interface SsProcessRef {
  user: string;
  file_descriptor: string;
}
export type SsOpts = Record<string, unknown>;

/** Split on spaces outside parentheses and double quotes, so `users:(("a b",pid=1,fd=2))` stays one item. */
export function splitItems(text: string): string[] {
  const items: string[] = [];
  let cur = '';
  let depth = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && depth === 0 && !quoted) {
      if (cur) items.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) items.push(cur);
  return items;
}

// jc renames these -e keys; it applies the rename to the whole item, we only to the key so a
// process called "disk" is not rewritten (same result on every real key).
const KEY_RENAME: Record<string, string> = { ino: 'inode_number', sk: 'cookie', uid: 'uid_number' };

/** `(("nginx",pid=123,fd=4),("nginx",pid=124,fd=5))` → jc's process_id map: pid → {user (the process name, jc's word), fd}. */
export function parseUsers(val: string): Record<string, SsProcessRef> {
  const out: Record<string, SsProcessRef> = {};
  for (const m of val.matchAll(/\("((?:[^"\\]|\\.)*)"((?:,[a-z_]+=[^,)]*)*)\)/g)) {
    const params: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter((s) => s.includes('='))) {
      const at = kv.indexOf('=');
      params[kv.slice(0, at)] = kv.slice(at + 1);
    }
    if (params['pid'] !== undefined) out[params['pid']] = { user: m[1] ?? '', file_descriptor: params['fd'] ?? '' };
  }
  return out;
}

export const OPTS_MARKER = /ino:|uid:|sk:|users:|timer:|cgroup:|v6only:/;

export function parseOpts(text: string): SsOpts {
  const opts: SsOpts = {};
  for (const item of splitItems(text)) {
    const at = item.indexOf(':');
    if (at < 0) continue;
    const rawKey = item.slice(0, at);
    const val = item.slice(at + 1);
    if (rawKey === 'users') {
      opts['process_id'] = parseUsers(val);
    } else if (rawKey === 'timer') {
      const [name = '', expire = '', retrans = ''] = val.replace(/^\(|\)$/g, '').split(',');
      opts['timer'] = { timer_name: name, expire_time: expire, retrans };
    } else {
      opts[KEY_RENAME[rawKey] ?? rawKey] = val;
    }
  }
  return opts;
}

// Words in the -i line that take the next word as their value (`send 5.2Gbps`).
const TWO_WORD = new Set(['send', 'pacing_rate', 'delivery_rate']);

// Bare words ss prints as flags; any other bare word is the congestion control algorithm.
const FLAGS = new Set(['ts', 'sack', 'ecn', 'ecnseen', 'fastopen', 'app_limited', 'tfo', 'ce', 'cwr']);

/**
 * The `-i` line: `name:value` pairs (numbers where the value is a plain
 * number, else the text, e.g. rtt `0.5/0.25`, wscale `7,7`, bbr `(bw:..)`),
 * two-word rates (`send 5.2Gbps`), flags (`ts`, `sack`, `app_limited`) as
 * true, and the algorithm word (`cubic`, `bbr`) as `congestion_control`.
 */
export function parseInfo(text: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const words = splitItems(text.trim());
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (TWO_WORD.has(w) && words[i + 1] !== undefined) {
      out[w] = words[++i] ?? '';
      continue;
    }
    const at = w.indexOf(':');
    if (at <= 0) {
      if (!FLAGS.has(w) && out['congestion_control'] === undefined) out['congestion_control'] = w;
      else out[w] = true;
      continue;
    }
    const val = w.slice(at + 1);
    out[w.slice(0, at)] = /^-?\d+(\.\d+)?$/.test(val) ? Number(val) : val;
  }
  return out;
}
