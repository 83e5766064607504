/**
 * The report's view model, part 1: hosts, verdict, USE matrix, findings.
 * Only presentation happens here (ordering, capping, formatting); the
 * diagnosis itself is the Analysis's. Every string that may have come from a
 * bundle goes through `visible`/`oneLine` and is escaped later by Handlebars.
 * Anchors are generated from indexes, never from input text.
 */
import type { Analysis, Finding, UseCell } from '../diagnosis/types.js';
import type { Caps } from './caps.js';
import { more } from './caps.js';
import { cap, fmtNum, fmtTime, oneLine, own, rank, RESOURCE_ORDER, safeId, SEVERITY_ORDER, SIGNAL_ORDER, visible } from './text.js';
import { evidenceLinks, type EvidenceLinks } from './evidence-links.js';
import { ROLE_ORDER, ROLE_TEXT, roleOf, story, type Story } from './roles.js';
import { commandsFor } from './tech.js';

export interface Link {
  href: string | null;
  label: string;
}
export interface HostRef {
  key: string;
  cls: string;
  label: string;
  name: string;
  anchor: string;
}

export interface Ctx {
  a: Analysis;
  caps: Caps;
  hosts: Map<string, HostRef>;
  /** Finding id → its anchor, for the findings that are shown. */
  anchors: Map<string, string>;
  findings: Finding[];
  findingsMore: number;
  story: Story;
  links: EvidenceLinks;
}

export function makeCtx(a: Analysis, caps: Caps): Ctx {
  const hosts = new Map<string, HostRef>();
  // Several captures of one machine share a hostname: then only the unique id tells them apart.
  const seen = new Map<string, number>();
  for (const h of a.hosts) seen.set(h.hostname, (seen.get(h.hostname) ?? 0) + 1);
  a.hosts.forEach((h, i) => {
    const shared = (seen.get(h.hostname) ?? 0) > 1 || !h.hostname;
    const name = oneLine(shared ? h.id : h.hostname);
    const ref = { key: `h${i}`, cls: `s${i % 8}`, label: h.tier ? `${name} (${oneLine(h.tier)})` : name, name, anchor: safeId('host', i) };
    // Hosts are their bundle's id everywhere, never a hostname: captures of one machine share it.
    hosts.set(h.id, ref);
  });
  const hostRank = (id: string): number => a.hosts.findIndex((h) => h.id === id);
  const st = story(a);
  // Reading order: the cause, its victims, other problems, then earlier events; within a role by host and USE order.
  const roleRank = (f: Finding): number => ROLE_ORDER.indexOf(roleOf(st, f).role);
  // The cause's findings in the diagnosis' order: its lead, the one the verdict names, opens the section.
  const leadIds = st.problems[0]?.cause.findings ?? [];
  const causeAt = (f: Finding): number => (roleOf(st, f).role === 'cause' && leadIds.includes(f.id) ? leadIds.indexOf(f.id) : 0);
  const sorted = [...a.findings].sort(
    (x, y) =>
      roleRank(x) - roleRank(y) ||
      causeAt(x) - causeAt(y) ||
      hostRank(x.host) - hostRank(y.host) ||
      rank(RESOURCE_ORDER, x.resource) - rank(RESOURCE_ORDER, y.resource) ||
      rank(SIGNAL_ORDER, x.signal) - rank(SIGNAL_ORDER, y.signal) ||
      rank(SEVERITY_ORDER, x.severity) - rank(SEVERITY_ORDER, y.severity),
  );
  // The cause's findings are shown whatever the cap: the verdict links to them.
  const causeIds = new Set(a.diagnosis.cause?.findings ?? []);
  const shown = sorted.filter((f, i) => i < caps.findings || causeIds.has(f.id));
  const anchors = new Map<string, string>();
  shown.forEach((f, i) => anchors.set(f.id, safeId('f', i)));
  return { a, caps, hosts, anchors, findings: shown, findingsMore: sorted.length - shown.length, story: st, links: evidenceLinks(a) };
}

export function hostRef(ctx: Ctx, id: string): HostRef {
  return ctx.hosts.get(id) ?? { key: 'hx', cls: 'sx', label: oneLine(id), name: oneLine(id), anchor: '' };
}

export function links(ctx: Ctx, ids: readonly string[]): Link[] {
  const byId = new Map(ctx.a.findings.map((f) => [f.id, f]));
  return ids.map((id) => {
    const f = byId.get(id);
    const label = f ? oneLine(f.title) : oneLine(id);
    return { href: ctx.anchors.get(id) ?? null, label };
  });
}

const STATUS_TEXT: Record<string, string> = { critical: 'critical', warning: 'warning', info: 'info', ok: 'ok', 'no-data': 'no data' };

export function matrixView(ctx: Ctx) {
  return ctx.a.hosts.map((h) => {
    const ref = hostRef(ctx, h.id);
    const cells = ctx.a.use.filter((c) => c.host === h.id);
    const present = RESOURCE_ORDER.filter((r) => cells.some((c) => c.resource === r));
    const resources = present.length > 0 ? present : RESOURCE_ORDER;
    return {
      label: ref.label,
      anchor: ref.anchor,
      rows: resources.map((r) => ({
        resource: r,
        cells: SIGNAL_ORDER.map((s) =>
          cellView(
            ctx,
            cells.find((c) => c.resource === r && c.signal === s),
            s,
          ),
        ),
      })),
    };
  });
}

function cellView(ctx: Ctx, c: UseCell | undefined, signal: string) {
  const status = c && own(STATUS_TEXT, c.status) !== undefined ? c.status : 'no-data';
  const ids = c?.findings ?? [];
  const first = ids.map((id) => ctx.anchors.get(id)).find((x) => x !== undefined) ?? null;
  const n = ids.length;
  return {
    cls: `st-${status}`,
    text: own(STATUS_TEXT, status) ?? 'no data',
    href: first,
    title: `${signal}: ${own(STATUS_TEXT, status) ?? 'no data'}${n > 0 ? ` (${n} finding${n > 1 ? 's' : ''})` : ''}`,
  };
}

function evidenceView(ctx: Ctx, f: Finding) {
  const shown = f.evidence.slice(0, ctx.caps.evidence);
  return {
    items: shown.map((e) => {
      const lines = e.lines ? (e.lines[0] === e.lines[1] ? `:${e.lines[0]}` : `:${e.lines[0]}-${e.lines[1]}`) : '';
      const c = cap(visible(e.excerpt), ctx.caps.excerpt);
      return {
        where: `${oneLine(e.artifact)}${lines}`,
        time: e.time === undefined ? null : fmtTime(e.time),
        excerpt: c.text,
        excerptMore: c.more > 0 ? `… ${c.more} more characters` : null,
      };
    }),
    more: more(f.evidence.length - shown.length + (f.evidenceMore ?? 0), 'evidence items'),
  };
}

const ROLE_GROUP: Record<string, string> = {
  cause: 'Cause',
  victim: 'Victims: what the cause did to the tiers that depend on it',
  independent: 'Other problems, independent of the cause',
  other: 'Other findings',
  earlier: 'Earlier events: over before the capture window',
};

export function findingsView(ctx: Ctx) {
  // The cause's evidence is open by default: it is what the reader came for.
  const groups: { title: string; anchor: string; items: unknown[] }[] = [];
  // One explanation per rule: the first card of a rule carries it, later ones point back to it.
  const explained = new Map<string, { href: string; title: string }>();
  let last = '';
  for (const f of ctx.findings) {
    const info = roleOf(ctx.story, f);
    if (info.role !== last) {
      groups.push({ title: ROLE_GROUP[info.role] ?? info.role, anchor: safeId('g', groups.length), items: [] });
      last = info.role;
    }
    const peak = f.peak ? `peak ${fmtNum(f.peak.value)} ${oneLine(f.peak.unit)} (threshold ${fmtNum(f.peak.threshold)} ${oneLine(f.peak.unit)})` : null;
    const anchor = ctx.anchors.get(f.id) ?? '';
    const seen = explained.get(f.rule);
    if (!seen) explained.set(f.rule, { href: anchor, title: oneLine(f.title) });
    const dep = info.dependsOn;
    groups[groups.length - 1]?.items.push({
      anchor,
      isCause: info.role === 'cause',
      role: ROLE_TEXT[info.role],
      roleCls: `r-${info.role}`,
      dependsOn: dep ? `${dep.link} ${hostRef(ctx, dep.host).label}` : null,
      host: hostRef(ctx, f.host).label,
      resource: oneLine(f.resource),
      severity: rank(SEVERITY_ORDER, f.severity) < 3 ? f.severity : 'info',
      signal: oneLine(f.signal),
      title: oneLine(f.title),
      subject: f.subject ? oneLine(f.subject) : null,
      rule: oneLine(f.rule),
      onset: fmtTime(f.onset),
      end: fmtTime(f.end),
      peak,
      explanation: seen ? null : visible(f.explanation),
      explainedAt: seen ? seen : null,
      evidence: evidenceView(ctx, f),
      nextCommands: commandsFor(ctx.a, f.nextCommands, f.host).map((c) => oneLine(c)),
    });
  }
  return { groups, more: more(ctx.findingsMore, 'findings') };
}

export function hostsView(ctx: Ctx) {
  return ctx.a.hosts.map((h) => {
    const ref = hostRef(ctx, h.id);
    return {
      anchor: ref.anchor,
      cls: ref.cls,
      label: ref.label,
      cpus: fmtNum(h.cpus),
      mem: typeof h.memTotalKb === 'number' ? `${fmtNum(Math.round((h.memTotalKb / 1048576) * 10) / 10)} GiB` : '—',
      os: oneLine(h.os ?? '—'),
      kernel: oneLine(h.kernel ?? '—'),
      window: `${fmtTime(h.window.start)} → ${fmtTime(h.window.end)}`,
      bundle: oneLine(h.bundle),
    };
  });
}
