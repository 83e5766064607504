/**
 * docs/rules.md is generated from the rules' meta so the two cannot drift:
 * test/rules/conformance.test.ts fails on a difference, and `npm run docs`
 * (scripts/docs.mjs) rewrites it.
 */
import type { Rule } from './types.js';
import { RESOURCE_ORDER, SIGNAL_ORDER } from '../vocabulary/orders.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|');

export function renderRule(rule: Rule): string {
  const m = rule.meta;
  const lines = [
    `## ${m.id}`,
    '',
    `**${m.title}** · resource \`${m.resource}\` · signal \`${m.signal}\` · default severity \`${m.severity}\``,
    '',
    m.explanation,
    '',
  ];
  const opts = Object.entries(m.options);
  if (opts.length > 0) {
    lines.push('| option | default | unit | source | meaning |', '|---|---|---|---|---|');
    for (const [k, o] of opts) lines.push(`| \`${k}\` | ${o.default} | ${esc(o.unit)} | ${esc(o.source)} | ${esc(o.description)} |`);
  } else {
    lines.push('No thresholds: any matching log event is a finding.');
  }
  lines.push('', 'Next commands:', '', ...m.nextCommands.map((c) => `- \`${c}\``), '');
  return lines.join('\n');
}

export function renderRulesDoc(rules: readonly Rule[]): string {
  const sorted = [...rules].sort(
    (a, b) =>
      RESOURCE_ORDER.indexOf(a.meta.resource) - RESOURCE_ORDER.indexOf(b.meta.resource) ||
      SIGNAL_ORDER.indexOf(a.meta.signal) - SIGNAL_ORDER.indexOf(b.meta.signal) ||
      a.meta.id.localeCompare(b.meta.id),
  );
  const head = [
    '# Rules',
    '',
    '<!-- Generated from src/rules/*/ meta by src/rules/docs.ts; test/rules/conformance.test.ts checks it. Do not edit by hand. -->',
    '',
    'One USE rule per module, registered in `src/rules/registry.ts`. Each reads the per-host',
    "models (docs/models.md) and the timeline's classified events, and returns findings",
    'ordered per resource the USE way: errors, then utilization, then saturation.',
    "Thresholds marked *(ours)* are sitrep's own proposals, not Gregg's or Netflix's",
    '(see the reference, `use-method.md`). Metric conditions must be **sustained**: at',
    'least 3 samples, or at least 20% of the samples and never fewer than 2, so a 1-second',
    'blip is never a finding.',
    '',
    'Every rule has firing and non-firing cases in `test/rules/cases.ts` (ESLint',
    'RuleTester style), on real inputs: recordings of live runs on a real machine',
    '(`test/recordings`, its README says how each was taken and re-taken) or the',
    "signal catalogue's real log lines. The unit project replays them; the system",
    "project's live job takes them afresh and checks every rule still gives the same",
    'verdict.',
    '',
    '| rule | resource | signal | severity |',
    '|---|---|---|---|',
    ...sorted.map((r) => `| [${r.meta.id}](#${r.meta.id}) | ${r.meta.resource} | ${r.meta.signal} | ${r.meta.severity} |`),
    '',
  ];
  return [...head, ...sorted.map(renderRule)].join('\n');
}
