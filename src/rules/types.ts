/** The rule contract: static meta (documented in docs/rules.md) and a pure check over models + timeline. */
import type { HostData } from '../parsers/host-data.js';
import type { TimelineEvent, TimelineSummary } from '../timeline/types.js';
import type { Finding, Resource, Severity, Signal } from '../vocabulary/types.js';
import type { HostModels } from '../models/types.js';

export interface RuleOption {
  default: number;
  unit: string;
  /** Where the default comes from: `Gregg`, `Netflix`, or `(ours)` for sitrep's own proposal. */
  source: string;
  description: string;
}

export interface RuleMeta {
  id: string;
  resource: Resource;
  signal: Signal;
  severity: Severity;
  title: string;
  options: Record<string, RuleOption>;
  /** One paragraph: what the rule looks at and why it matters. */
  explanation: string;
  /** What a human would run next on the host. */
  nextCommands: string[];
}

export interface RuleContext {
  host: HostData;
  models: HostModels;
  timeline: TimelineSummary;
  /** This host's kept timeline events, in time order. */
  events: TimelineEvent[];
  /** Resolved option values (defaults overridden by the caller). */
  options: Record<string, number>;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Finding[];
}

export type RuleOverrides = Record<string, Record<string, number>>;
