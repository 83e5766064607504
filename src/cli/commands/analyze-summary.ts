/** What `analyze` parsed, per host and artifact (`parsed` in the JSON output). */
import type { ParsedHost } from '../../diagnosis/types.js';
import type { HostData } from '../../parsers/host-data.js';

export function parseSummary(host: HostData, events: Map<string, number>): ParsedHost {
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
      path: l.path,
      parser: l.parser,
      lines: l.lines,
      events: events.get(l.path) ?? 0,
      firstMs: l.firstMs,
      lastMs: l.lastMs,
      diagnostics: l.diagnostics,
    })),
    unparsed: host.manifest
      .filter((e) => !e.path || !parsed.has(e.path))
      .map((e) => ({ name: e.name, path: e.path, status: String(e.status), reason: e.reason })),
    diagnostics: {
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
      bundle: { error: count('error', true), warning: count('warning', true) },
    },
  };
}
