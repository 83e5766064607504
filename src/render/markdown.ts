/**
 * renderMarkdown: a short summary to paste into a ticket body: verdict, top
 * findings, host table. Log-derived text is escaped so it can neither format
 * nor link (GFM autolinks included) nor break a table cell.
 */
import type { Analysis } from '../diagnosis/types.js';
import { confidencePct, contextLines, headline, hostName, topFindings, verdictWord } from './summary.js';
import { commandsFor } from './tech.js';
import { fmtNum, fmtTime, oneLine } from './text.js';

/**
 * Backslash-escapes the characters that can format, link or break a table
 * cell inline (emphasis, code, links and images, raw HTML and entities,
 * strikethrough, math, pipes); a scheme's `:` and `@` stop autolinks and
 * mentions, `#` issue references, and `www.` is broken up. Untrusted text
 * never starts a line here, so line-start markers (`-`, `1.`, `>`) cannot act.
 */
export function md(s: unknown): string {
  return (
    oneLine(s)
      .replace(/[\\`*_[\]#!|~<>&$@]/g, '\\$&')
      // A colon only matters as a scheme's (`http://`, `mailto:x`, `javascript:`): times (05:11) and prose (`log: held`) stay readable.
      .replace(/(?<=[A-Za-z]):(?=\S)/g, '\\:')
      .replace(/www\./gi, (m) => `${m.slice(0, 3)}\\.`)
  );
}

/** A fence longer than any backtick run inside, so the block cannot be closed early. */
function fence(lines: string[]): string {
  // Loops, not Math.max(...): a long line has more backtick runs than a call has arguments.
  let longest = 0;
  for (const l of lines) for (const r of l.match(/`+/g) ?? []) longest = Math.max(longest, r.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

export function renderMarkdown(a: Analysis): string {
  const d = a.diagnosis;
  const out: string[] = [];
  const host = (id: string): string => {
    const h = hostName(a, id);
    return h.tier ? `${md(h.name)} (${md(h.tier)})` : md(h.name);
  };
  out.push(`## sitrep: ${verdictWord(a)} (confidence ${confidencePct(a)})`, '');
  const head = headline(a);
  out.push(`**${md(head.sentence)}**`, '');
  if (head.chain) out.push(`Chain: ${md(head.chain)}`, '');
  // Each named as the verdict names it, with its USE cell ("PostgreSQL lock waits (application saturation)").
  if (d.cause) out.push(`**Cause:** **${md(head.what(d.cause.findings[0], d.cause.resource))}** on ${host(d.cause.host)}`);
  else out.push('**Cause:** none identified');
  for (const v of d.victims) {
    out.push(
      `- **Victim:** ${md(head.what(v.link?.to ?? v.findings[0], v.resource))} on ${host(v.host)} → depends on ${md(hostName(a, v.dependsOn.host).name)} (${md(v.dependsOn.tier)}): ${md(v.reason)}`,
    );
  }
  for (const c of contextLines(a, head.what)) out.push(`- **${md(c.label)}:** ${md(c.text)}`);
  out.push('');
  if (d.reasoning.length > 0) {
    out.push('**Reasoning**', '');
    d.reasoning.slice(0, 8).forEach((r, i) => out.push(`${i + 1}. ${md(r.text)}`));
    if (d.reasoning.length > 8) out.push(`\n_${d.reasoning.length - 8} more steps in the HTML report_`);
    out.push('');
  }
  const top = topFindings(a, 10);
  if (top.list.length > 0) {
    out.push('**Top findings**', '', '| Severity | Host | Resource | Signal | Finding | Onset |', '|---|---|---|---|---|---|');
    for (const f of top.list) {
      out.push(`| ${md(f.severity)} | ${host(f.host)} | ${md(f.resource)} | ${md(f.signal)} | ${md(f.title)} | ${md(fmtTime(f.onset))} |`);
    }
    if (top.more > 0) out.push('', `_${top.more} more findings in the HTML report_`);
    out.push('');
  }
  out.push('**Hosts**', '', '| Host | Tier | CPUs | Memory | Capture window (UTC) |', '|---|---|---|---|---|');
  for (const h of a.hosts) {
    const mem = typeof h.memTotalKb === 'number' ? `${fmtNum(Math.round((h.memTotalKb / 1048576) * 10) / 10)} GiB` : '—';
    out.push(`| ${md(hostName(a, h.id).name)} | ${md(h.tier)} | ${fmtNum(h.cpus)} | ${mem} | ${md(`${fmtTime(h.window.start)} → ${fmtTime(h.window.end)}`)} |`);
  }
  out.push('');
  {
    const cmds = commandsFor(a, d.nextCommands, d.cause?.host)
      .slice(0, 10)
      .map((c) => oneLine(c));
    const f = fence(cmds);
    if (cmds.length > 0) out.push('**Next commands**', '', `${f}sh`, ...cmds, f, '');
  }
  out.push(`_Generated ${md(a.generatedAt)} by ${md(a.generator.name)} ${md(a.generator.version)}._`, '');
  return out.join('\n');
}
