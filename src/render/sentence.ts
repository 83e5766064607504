/**
 * The verdict as one sentence built from the findings' own data: the concrete
 * thing that broke (technology, what, host, since when) and what it did to
 * each tier that depends on it, e.g. "PostgreSQL lock waits on db1 (db, from
 * 06:53:54Z) exhausted the connection pool of app1 (app); nginx on web1 (web)
 * answered 52 requests with 5xx." Plain text: each output escapes it.
 */
import type { Analysis, Finding } from '../diagnosis/types.js';
import type { EvidenceLinks } from './evidence-links.js';
import type { Story } from './roles.js';
import { findingWhat } from './cause-phrase.js';
import { techOfFinding } from './tech.js';
import { fmtNum, oneLine } from './text.js';

type Name = (host: string) => { name: string; tier: string };
const who = (n: { name: string; tier: string }, extra = ''): string => {
  const inner = [n.tier, extra].filter((x) => x !== '').join(', ');
  return inner ? `${n.name} (${inner})` : n.name;
};
interface Said {
  who: string;
  tech: string | null;
  n: string | null;
  title: string;
}

/** What a victim suffered, after the cause as subject ("… exhausted the connection pool of app1"). */
const VICTIM_VERB: Record<string, (s: Said) => string> = {
  'pool-exhausted': (s) => `exhausted the connection pool of ${s.who}${s.n ? ` ${s.n} times` : ''}`,
  'http-5xx': (s) => `made ${s.tech ?? 'the web server'} on ${s.who} answer ${s.n ?? 'requests'}${s.n ? ' requests' : ''} with 5xx`,
  'nginx-upstream-timeout': (s) => `made ${s.tech ?? 'the proxy'} on ${s.who} time out waiting for its upstream${s.n ? ` (${s.n} times)` : ''}`,
};
/** The same as a clause of its own ("nginx on web1 answered 52 requests with 5xx"). */
const VICTIM_CLAUSE: Record<string, (s: Said) => string> = {
  'pool-exhausted': (s) => `the connection pool of ${s.who} ran out${s.n ? ` ${s.n} times` : ''}`,
  'http-5xx': (s) => `${s.tech ?? 'the web server'} on ${s.who} answered ${s.n ?? 'requests'}${s.n ? ' requests' : ''} with 5xx`,
  'nginx-upstream-timeout': (s) => `${s.tech ?? 'the proxy'} on ${s.who} timed out waiting for its upstream${s.n ? ` ${s.n} times` : ''}`,
};
const SAME: Record<string, string> = {
  'http-502': 'http-5xx',
  'http-504': 'http-5xx',
  'apache-proxy-error': 'nginx-upstream-timeout',
  'apache-proxy-read-failed': 'nginx-upstream-timeout',
  'nginx-upstream-connect-failed': 'nginx-upstream-timeout',
  'db-timeout': 'pool-exhausted',
};

function count(f: Finding): string | null {
  if (f.peak && f.peak.unit === 'events' && Number.isFinite(f.peak.value)) return fmtNum(f.peak.value);
  const m = /^(\d+) /.exec(f.title);
  return m ? (m[1] as string) : null;
}

/** The phrase key of a finding: the first of its evidence's signals the tables know. */
function phraseKey(links: EvidenceLinks, f: Finding, table: Record<string, unknown>): string | null {
  for (const s of links.signals.get(f.id) ?? []) {
    const k = Object.hasOwn(table, s) ? s : Object.hasOwn(SAME, s) ? (SAME[s] as string) : null;
    if (k && Object.hasOwn(table, k)) return k;
  }
  return null;
}

export function clock(a: Analysis, t: number | null): string {
  if (t === null || !Number.isFinite(t)) return '';
  const iso = new Date(t).toISOString();
  const day = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10));
  const sameDay = a.hosts.every((h) => h.window.start === null || day(h.window.start) === iso.slice(0, 10));
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 19)}Z`;
}

function causeClause(a: Analysis, links: EvidenceLinks, name: Name, fs: Finding[]): string {
  const f = fs[0] as Finding;
  const tech = fs.map((x) => techOfFinding(a, x)).find((t) => t !== null) ?? null;
  // reduce, not Math.min(...): a spread over a large array overflows a call's arguments (RangeError)
  const onset = fs.reduce((m, x) => Math.min(m, x.onset ?? Infinity), Infinity);
  const when = Number.isFinite(onset) ? `from ${clock(a, onset)}` : '';
  // The diagnosis' name for it (a log's signal and technology, else the rule's phrase with the process).
  const what = findingWhat(a, links, f, tech);
  return `${what} on ${who(name(f.host), when)}`;
}

function victimPhrase(a: Analysis, links: EvidenceLinks, name: Name, f: Finding, verb: boolean): string {
  const s: Said = { who: who(name(f.host)), tech: techOfFinding(a, f), n: count(f), title: oneLine(f.title) };
  const table = verb ? VICTIM_VERB : VICTIM_CLAUSE;
  const key = phraseKey(links, f, table);
  if (key) return (table[key] as (s: Said) => string)(s);
  return verb ? `hit ${s.who}: ${s.title}` : `${s.who}: ${s.title}`;
}

export function verdictSentence(a: Analysis, st: Story, links: EvidenceLinks, name: Name): string {
  const byId = new Map(a.findings.map((f) => [f.id, f]));
  const get = (ids: string[]): Finding[] => ids.map((id) => byId.get(id)).filter((f): f is Finding => f !== undefined);
  const lead = st.problems[0];
  if (!lead) {
    const hosts = a.hosts.map((h) => who(name(h.id))).join(', ');
    if (a.diagnosis.verdict === 'healthy') return `Nothing was saturated or failing during the capture on ${hosts}.`;
    const worst = a.findings[0];
    return worst
      ? `No single cause was found; ${a.findings.length} finding${a.findings.length === 1 ? '' : 's'}, e.g. ${oneLine(worst.title)} on ${who(name(worst.host))}.`
      : `No single cause was found on ${hosts}.`;
  }
  const cause = get(lead.cause.findings);
  if (cause.length === 0) return `The cause is ${oneLine(lead.cause.resource)} on ${who(name(lead.cause.host))}.`;
  const head = causeClause(a, links, name, cause);
  // Victims nearest the cause first: the one depending on the cause's host reads as its direct effect.
  const victims = [...lead.victims].sort((x, y) => Number(y.dependsOn.host === lead.cause.host) - Number(x.dependsOn.host === lead.cause.host));
  const parts = victims
    .map((v, i) => {
      const f = get(v.findings)[0];
      return f ? victimPhrase(a, links, name, f, i === 0 && v.dependsOn.host === lead.cause.host) : '';
    })
    .filter((p) => p !== '');
  const first = parts.length > 0 && victims[0]?.dependsOn.host === lead.cause.host ? ` ${parts.shift() as string}` : '';
  const told = `${cap(head)}${first}${parts.length > 0 ? `; ${parts.join('; ')}` : ''}.`;
  if (!st.recovered) return told;
  // A capture taken after the incident: say it is over, and how long before the window it ended.
  const ago = cause.reduce((m, f) => Math.max(m, f.relevance?.endedBeforeMs ?? 0), 0);
  return `Over before the capture${ago > 0 ? ` (ended ${duration(ago)} before it)` : ''}: ${told}`;
}

function duration(ms: number): string {
  if (ms < 90_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 36 * 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

function cap(s: string): string {
  return s.length > 0 ? `${s.charAt(0).toUpperCase()}${s.slice(1)}` : s;
}
