/**
 * renderTerminal: the verdict and top findings for a terminal. Whether to use
 * color is the caller's decision (NO_COLOR, TTY); this only takes the flag.
 * Every log-derived string passes through `oneLine`, which writes control
 * characters out as `\e`, `\x07`, … so no escape sequence from a log (title
 * change, screen clear, hyperlink) reaches the terminal raw.
 */
import type { Analysis } from '../diagnosis/types.js';
import { confidencePct, contextLines, headline, hostName, topFindings, verdictWord } from './summary.js';
import { commandsFor } from './tech.js';
import { fmtTime, oneLine, RESOURCE_ORDER, SIGNAL_ORDER } from './text.js';

export interface TerminalOptions {
  color: boolean;
  /** Columns; lines longer are cut with … (default 100). */
  width?: number;
}

type Style = 'bold' | 'red' | 'yellow' | 'green' | 'blue' | 'dim';
const SGR: Record<Style, string> = { bold: '1', red: '31', yellow: '33', green: '32', blue: '34', dim: '2' };

export function renderTerminal(a: Analysis, opts: TerminalOptions): string {
  const width = Math.max(40, Math.floor(opts.width ?? 100));
  // Only this function emits ESC, and only around text it has already neutralised.
  const paint = (s: string, st: Style): string => (opts.color ? `\u001b[${SGR[st]}m${s}\u001b[0m` : s);
  const sevStyle = (s: string): Style => (s === 'critical' ? 'red' : s === 'warning' ? 'yellow' : s === 'ok' ? 'green' : s === 'info' ? 'blue' : 'dim');
  const lines: string[] = [];
  const add = (...parts: [string, Style?][]): void => {
    // Cut on the plain text, then apply styles to the pieces that survived.
    let room = width;
    let styled = '';
    for (const [raw, st] of parts) {
      if (room <= 0) break;
      const cps = Array.from(raw);
      const piece = cps.length > room ? `${cps.slice(0, Math.max(0, room - 1)).join('')}…` : raw;
      room -= Array.from(piece).length;
      styled += st ? paint(piece, st) : piece;
    }
    lines.push(styled);
  };
  const host = (id: string): string => {
    const h = hostName(a, id);
    return h.tier ? `${oneLine(h.name)} (${oneLine(h.tier)})` : oneLine(h.name);
  };
  const d = a.diagnosis;
  const vStyle: Style = d.verdict === 'cause-found' ? 'red' : d.verdict === 'healthy' ? 'green' : 'yellow';
  add([`sitrep: `, 'bold'], [verdictWord(a).toUpperCase(), vStyle], [` (confidence ${confidencePct(a)})`]);
  // The same sentence and chain as the HTML report, wrapped rather than cut: they are the story.
  const head = headline(a);
  for (const l of wrap(head.sentence, width - 2)) add([`  ${l}`, 'bold']);
  if (head.chain) for (const l of wrap(`chain: ${head.chain}`, width - 2)) add([`  ${l}`]);
  // Each named as the verdict names it, with its USE cell ("PostgreSQL lock waits (application saturation)").
  if (d.cause) add(['  cause:   ', 'bold'], [`${host(d.cause.host)} · ${head.what(d.cause.findings[0], d.cause.resource)}`, 'red']);
  for (const v of d.victims) {
    add(
      ['  victim:  ', 'bold'],
      [
        `${host(v.host)} · ${head.what(v.link?.to ?? v.findings[0], v.resource)} → depends on ${oneLine(hostName(a, v.dependsOn.host).name)} (${oneLine(v.dependsOn.tier)}): ${oneLine(v.reason)}`,
      ],
    );
  }
  for (const c of contextLines(a, head.what)) add([`  ${c.label}:`.padEnd(11), 'bold'], [oneLine(c.text), c.label === 'apart' ? 'yellow' : 'dim']);
  if (d.reasoning.length > 0) {
    add(['  why:', 'bold']);
    d.reasoning.slice(0, 6).forEach((r, i) => add([`    ${i + 1}. ${oneLine(r.text)}`]));
  }
  const top = topFindings(a, 8);
  if (top.list.length > 0) {
    add(['  findings:', 'bold']);
    for (const f of top.list) {
      add(
        [`    ${f.severity.slice(0, 4).toUpperCase().padEnd(5)}`, sevStyle(f.severity)],
        [`${host(f.host)} ${oneLine(f.resource)}/${oneLine(f.signal)}: ${oneLine(f.title)}`],
        [`  ${fmtTime(f.onset)}`, 'dim'],
      );
    }
    if (top.more > 0) add([`    … ${top.more} more in the report`, 'dim']);
  }
  for (const h of a.hosts) {
    const cells = a.use.filter((c) => c.host === h.id);
    if (cells.length === 0) continue;
    add([`  USE ${host(h.id)}:`, 'bold'], ['  errors / utilization / saturation', 'dim']);
    for (const r of RESOURCE_ORDER) {
      const row = SIGNAL_ORDER.map((s) => cells.find((c) => c.resource === r && c.signal === s)?.status ?? 'no-data');
      if (row.every((s) => s === 'no-data') && !cells.some((c) => c.resource === r)) continue;
      const parts: [string, Style?][] = [[`    ${r.padEnd(18)}`]];
      for (const s of row) parts.push([(s === 'no-data' ? '—' : s).padEnd(10), sevStyle(s)]);
      add(...parts);
    }
  }
  if (d.nextCommands.length > 0) {
    add(['  next:', 'bold']);
    for (const c of commandsFor(a, d.nextCommands, d.cause?.host).slice(0, 6)) add([`    $ ${oneLine(c)}`]);
  }
  return `${lines.join('\n')}\n`;
}

/** Greedy word wrap on code points; a word longer than the width is cut by the line writer. */
function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of s.split(' ')) {
    if (cur !== '' && Array.from(cur).length + 1 + Array.from(w).length > width) {
      out.push(cur);
      cur = w;
    } else cur = cur === '' ? w : `${cur} ${w}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}
