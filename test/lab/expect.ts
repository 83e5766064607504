/**
 * A lab scenario's expected diagnosis (scripts/lab/scenarios.mjs `expect`)
 * against an Analysis (schema 2): every way it differs, as sentences, so a
 * failing run says all that went wrong at once. Shared by the lab runs and
 * the committed samples.
 */
import type { Analysis, LinkKind } from '../../src/diagnosis/types.js';

export interface Expect {
  verdict: string;
  tier?: string;
  resource?: string;
  /** Resources of the cause's victims, each optionally with the kind of its link. */
  victims?: (string | { resource: string; link: LinkKind })[];
  /** Resources of problems that ended before the window (earlier events). */
  earlier?: string[];
  /** No warning or critical finding active in the window. */
  quiet?: boolean;
}

export function mismatches(a: Analysis, e: Expect): string[] {
  const d = a.diagnosis;
  const out: string[] = [];
  if (d.verdict !== e.verdict) out.push(`verdict ${d.verdict}, expected ${e.verdict}`);
  if (e.tier && d.cause?.tier !== e.tier) out.push(`cause tier ${d.cause?.tier ?? '-'}, expected ${e.tier}`);
  if (e.resource && d.cause?.resource !== e.resource) out.push(`cause resource ${d.cause?.resource ?? '-'}, expected ${e.resource}`);
  for (const v of e.victims ?? []) {
    const want = typeof v === 'string' ? { resource: v, link: undefined } : v;
    const got = d.victims.filter((x) => x.resource === want.resource);
    if (got.length === 0) out.push(`no victim on ${want.resource}`);
    else if (want.link && !got.some((x) => x.link.kind === want.link))
      out.push(`victim ${want.resource} linked by ${got.map((x) => x.link.kind).join('/')}, expected ${want.link}`);
  }
  for (const r of e.earlier ?? []) {
    if (!d.earlier.some((p) => p.cause.resource === r))
      out.push(`no earlier event on ${r} (earlier: ${d.earlier.map((p) => p.cause.resource).join(', ') || 'none'})`);
  }
  // an earlier event is never the cause of an active problem
  if (d.verdict === 'cause-found' && d.problems[0]?.relevance.kind === 'earlier') out.push('the leading problem ended before the window');
  if (e.quiet || e.verdict === 'healthy') {
    const loud = a.findings.filter((f) => f.severity !== 'info' && (e.verdict === 'healthy' || f.relevance?.kind === 'active'));
    if (loud.length > 0)
      out.push(`loud findings ${e.verdict === 'healthy' ? '' : 'active in the window '}: ${loud.map((f) => `${f.id} (${f.title})`).join('; ')}`);
  }
  return out;
}

/** One line for the run log: what the diagnosis said, against what was expected. */
export function verdictLine(name: string, a: Analysis, e: Expect): string {
  const d = a.diagnosis;
  const cause = d.cause ? `${d.cause.tier}/${d.cause.resource} on ${d.cause.host}` : '-';
  const victims = d.victims.map((v) => `${v.resource} (${v.link.kind})`).join(', ') || '-';
  const earlier =
    d.earlier
      .map((p) => `${p.cause.resource} ${p.relevance.endedBeforeMs !== undefined ? `${Math.round(p.relevance.endedBeforeMs / 1000)} s before` : ''}`.trim())
      .join(', ') || '-';
  return `${name}: expected ${JSON.stringify(e)}; got ${d.verdict}, cause ${cause}, victims ${victims}, earlier ${earlier}, confidence ${d.confidence}`;
}
