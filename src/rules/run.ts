/** Running the rules over one host, and the USE ordering of findings. */
import type { HostData } from '../parsers/host-data.js';
import type { TimelineSummary } from '../timeline/types.js';
import type { Finding } from '../vocabulary/types.js';
import { RESOURCE_ORDER, SEVERITY_RANK, SIGNAL_ORDER } from '../vocabulary/orders.js';
import type { HostModels } from '../models/types.js';
import type { Rule, RuleContext, RuleOverrides } from './types.js';
import { RULES } from './registry.js';

export function resolveOptions(rule: Rule, overrides?: RuleOverrides): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, o] of Object.entries(rule.meta.options)) out[k] = overrides?.[rule.meta.id]?.[k] ?? o.default;
  return out;
}

/** USE order per resource: errors, then utilization, then saturation; worst first within each. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.host.localeCompare(b.host) ||
    RESOURCE_ORDER.indexOf(a.resource) - RESOURCE_ORDER.indexOf(b.resource) ||
    SIGNAL_ORDER.indexOf(a.signal) - SIGNAL_ORDER.indexOf(b.signal) ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.onset ?? Infinity) - (b.onset ?? Infinity) ||
    a.id.localeCompare(b.id)
  );
}

export interface RunResult {
  findings: Finding[];
  /** Rules that threw: reported, never fatal (one bad input must not hide the other findings). */
  failures: { rule: string; host: string; message: string }[];
}

export function runRules(host: HostData, models: HostModels, timeline: TimelineSummary, overrides?: RuleOverrides, rules: readonly Rule[] = RULES): RunResult {
  // The capture's log window starts at since_epoch; dmesg reaches back to boot, and an
  // OOM kill from hours before the window asked about is not this incident's.
  const since = Number(host.meta?.since_epoch);
  const sinceMs = Number.isFinite(since) && since > 0 ? since * 1000 : null;
  const events = timeline.events.filter((e) => e.host === host.id && (sinceMs === null || e.time === null || e.time >= sinceMs));
  const findings: Finding[] = [];
  const failures: RunResult['failures'] = [];
  for (const rule of rules) {
    const ctx: RuleContext = { host, models, timeline, events, options: resolveOptions(rule, overrides) };
    try {
      for (const f of rule.check(ctx)) findings.push(f); // not push(...): a spread has an argument limit
    } catch (err) {
      failures.push({ rule: rule.meta.id, host: host.id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { findings: findings.sort(compareFindings), failures };
}
