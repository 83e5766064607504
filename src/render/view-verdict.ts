/**
 * The report's view model, part 0: the verdict box. A sentence naming what
 * broke and what it did, the tier chain, the confidence with its reasons, the
 * cause's chart and the next commands for the cause's own technology.
 */
import { causeChartView } from './cause-chart.js';
import { groupLabel } from './cause-phrase.js';
import { chainView } from './chain.js';
import { linkText } from './roles.js';
import { verdictSentence } from './sentence.js';
import { VERDICT_WORDS } from './summary.js';
import { commandsFor } from './tech.js';
import { oneLine, own } from './text.js';
import { hostRef, links, type Ctx } from './view.js';

const pct = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.round(Math.abs(v) * 100)}`;

/** The confidence's named adjustments (schema 2), else the reasoning steps of older analyses. */
function reasonsOf(ctx: Ctx) {
  const t = ctx.a.diagnosis.confidenceTable;
  if (t && Array.isArray(t.adjustments) && Number.isFinite(t.base)) {
    return [
      { text: `base ${Math.round(t.base * 100)}%`, findings: [] },
      ...t.adjustments.map((x) => ({ text: `${pct(x.delta)} ${oneLine(x.name)}: ${oneLine(x.reason)}`, findings: links(ctx, x.findings ?? []) })),
    ];
  }
  return ctx.a.diagnosis.reasoning.map((r) => ({ text: oneLine(r.text), findings: links(ctx, r.findings ?? []) }));
}

export function verdictView(ctx: Ctx) {
  const a = ctx.a;
  const d = a.diagnosis;
  const st = ctx.story;
  const lead = st.problems[0];
  const named = (id: string): { name: string; tier: string } => {
    const h = a.hosts.find((x) => x.id === id);
    return { name: hostRef(ctx, id).name, tier: h ? oneLine(h.tier) : '' };
  };
  const titleOf = (id: string): string => oneLine(a.findings.find((f) => f.id === id)?.title ?? id);
  const chart = causeChartView(a, st, ctx.links, (id) => hostRef(ctx, id).label);
  return {
    kind: d.verdict === 'cause-found' || d.verdict === 'healthy' || d.verdict === 'recovered' ? d.verdict : 'inconclusive',
    text: own(VERDICT_WORDS, d.verdict) ?? 'Inconclusive',
    sentence: verdictSentence(a, st, ctx.links, named),
    chain: chainView(a, st, (id) => hostRef(ctx, id).name, titleOf),
    // The same chain top to bottom for narrow screens (CSS shows one of the two).
    chainV: chainView(a, st, (id) => hostRef(ctx, id).name, titleOf, true),
    causeChart: chart ? { ...chart, tickCount: Math.max(1, chart.ticks.length - 1) } : null,
    cause: lead
      ? {
          host: hostRef(ctx, lead.cause.host).name,
          tier: oneLine(lead.cause.tier),
          resource: oneLine(lead.cause.resource),
          what: groupLabel(a, ctx.links, lead.cause.findings[0], lead.cause.resource),
          findings: links(ctx, lead.cause.findings),
        }
      : null,
    victims: (lead?.victims ?? []).map((v) => ({
      host: hostRef(ctx, v.host).name,
      tier: oneLine(v.tier),
      what: groupLabel(a, ctx.links, v.lead, v.resource),
      link: oneLine(linkText(v.link)),
      linkEvidence: oneLine(v.linkEvidence),
      dependsOn: `${hostRef(ctx, v.dependsOn.host).name} (${oneLine(v.dependsOn.tier)})`,
      reason: oneLine(v.reason),
      findings: links(ctx, v.findings),
    })),
    confidence: Number.isFinite(d.confidence) ? `${Math.round(Math.max(0, Math.min(1, d.confidence)) * 100)}%` : '—',
    reasons: reasonsOf(ctx),
    reasoning: d.reasoning.map((r) => ({ text: oneLine(r.text), findings: links(ctx, r.findings ?? []) })),
    commandsHost: lead ? hostRef(ctx, lead.cause.host).label : '',
    nextCommands: commandsFor(a, d.nextCommands, lead?.cause.host).map((c) => oneLine(c)),
  };
}
