/**
 * `sysctl -a` / `sysctl key ...` (`key = value` lines) → jc `sysctl`: one
 * object, key → value. Values become integers, else floats, else stay strings
 * (Python's int()/float() rules, so `32768\t60999` stays a string). Keys that
 * repeat (`dev.cdrom.info`) and lines without the delimiter are appended to
 * the value with a newline, as jc does. BSD's `key: value` form is accepted.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyFloat, pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type Sysctl = Record<string, string | number>;

export const sysctl: CommandParser<Sysctl> = {
  id: 'sysctl',
  title: 'sysctl',
  artifactNames: ['sysctl'],
  jc: 'sysctl',
  detect(head) {
    const lines = head
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 10);
    const hits = lines.filter((l) => /^[a-z][\w-]*(\.[\w@:/+-]+)+ = /.test(l)).length;
    return lines.length > 0 && hits / lines.length >= 0.7 ? 0.9 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const raw: Record<string, string> = {};
    const lines = splitLines(text);
    const delim = (lines[0] ?? '').includes(' = ') ? ' = ' : ': ';
    let last: string | undefined;
    lines.forEach((line, i) => {
      const at = line.indexOf(delim);
      const key = at < 0 ? undefined : line.slice(0, at);
      // A line with no delimiter, or whose "key" is not a dotted name, continues the previous value.
      const continues = key === undefined || (!(key in raw) && (!key.includes('.') || key.includes(' ')));
      if (continues) {
        if (last === undefined) {
          if (line.trim() !== '') diags.error(`no "key${delim}value" before this line`, i + 1);
          return;
        }
        raw[last] = `${raw[last] ?? ''}\n${line}`;
        return;
      }
      const value = line.slice(at + delim.length);
      if (key in raw) {
        raw[key] = `${raw[key] ?? ''}\n${value}`;
        return;
      }
      raw[key] = value;
      last = key; // jc continues the most recently *added* key, not a repeated one
    });
    const data: Sysctl = {};
    for (const [k, v] of Object.entries(raw)) data[k] = pyInt(v) ?? pyFloat(v) ?? v;
    return { data, diagnostics: diags.done() };
  },
};
