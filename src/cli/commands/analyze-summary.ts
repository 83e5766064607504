/** What `analyze` parsed, per host and artifact: the JSON stand-in until the diagnosis is plugged in. */
import type { HostData } from '../../parsers/host-data.js';

export interface ArtifactSummary {
  name: string;
  path: string;
  parser: string;
  blocks: number;
  records: number;
  diagnostics: number;
}

export interface LogSummary {
  path: string;
  parser: string;
  lines: number;
  events: number;
  firstMs: number | null;
  lastMs: number | null;
  diagnostics: number;
}

export interface ParseSummary {
  host: string;
  hostname: string;
  tier: string;
  bundle: string;
  window: { start: number | null; end: number | null };
  artifacts: ArtifactSummary[];
  logs: LogSummary[];
  /** Manifest artifacts with no parser (os-release, cpuinfo, ...) or not written. */
  unparsed: { name: string; path: string | null; status: string; reason: string | null }[];
  /** All diagnostics by level; `bundle` counts only the reader's (not parsers' reports on content). */
  diagnostics: { error: number; warning: number; info: number; bundle: { error: number; warning: number } };
}

export function parseSummary(host: HostData, events: Map<string, number>): ParseSummary {
  const parsed = new Set([...host.artifacts.map((a) => a.path), ...host.logs.map((l) => l.path)]);
  const count = (level: string, bundleOnly = false): number =>
    host.diagnostics.filter((d) => d.level === level && (!bundleOnly || d.origin !== 'parser')).length;
  return {
    host: host.id,
    hostname: host.hostname,
    tier: host.tier,
    bundle: host.bundle,
    window: { start: host.windowStartMs, end: host.windowEndMs },
    artifacts: host.artifacts.map((a) => ({
      name: a.name,
      path: a.path,
      parser: a.parser,
      blocks: a.blocks.length,
      records: a.blocks.reduce((n, b) => n + (Array.isArray(b.result.data) ? b.result.data.length : b.result.data == null ? 0 : 1), 0),
      diagnostics: a.blocks.reduce((n, b) => n + b.result.diagnostics.length, 0),
    })),
    logs: host.logs.map((l) => ({
      path: l.path, parser: l.parser, lines: l.lines, events: events.get(l.path) ?? 0,
      firstMs: l.firstMs, lastMs: l.lastMs, diagnostics: l.diagnostics,
    })),
    unparsed: host.manifest
      .filter((e) => !e.path || !parsed.has(e.path))
      .map((e) => ({ name: e.name, path: e.path, status: String(e.status), reason: e.reason })),
    diagnostics: {
      error: count('error'), warning: count('warning'), info: count('info'),
      bundle: { error: count('error', true), warning: count('warning', true) },
    },
  };
}

export function summaryText(hosts: ParseSummary[]): string {
  const out: string[] = [];
  for (const h of hosts) {
    const records = h.artifacts.reduce((n, a) => n + a.records, 0);
    const events = h.logs.reduce((n, l) => n + l.events, 0);
    const lines = h.logs.reduce((n, l) => n + l.lines, 0);
    out.push(`${h.host}${h.tier ? ` (${h.tier})` : ''}  ${h.bundle}`);
    out.push(`  ${h.artifacts.length} command artifacts, ${records} records; ${h.logs.length} logs, ${lines} lines, ${events} events; ` +
      `${h.unparsed.length} not parsed; diagnostics: ${h.diagnostics.error} errors, ${h.diagnostics.warning} warnings`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
