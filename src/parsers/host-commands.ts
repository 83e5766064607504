/**
 * One command artifact through its parser: split on time markers where the
 * artifact has them, dated by the manifest otherwise. A parser that throws
 * (they should not) becomes a diagnostic naming the artifact.
 */
import type { DiagnosticLog } from '../bundle/diagnostics.js';
import type { BundleMeta, ManifestEntry } from '../bundle/types.js';
import { metaNumber } from '../bundle/manifest.js';
import type { ParsedArtifact } from './host-data.js';
import { isMarked, splitMarkers } from './markers.js';
import { commandParserForArtifact } from './registry.js';
import type { CommandParseResult, HostClock, ParseContext, SampleTime } from './types.js';

/** Parser diagnostics kept per artifact in the host's list; the rest are counted there. */
const PER_ARTIFACT = 20;

export interface CommandInput {
  entry: ManifestEntry;
  path: string;
  text: string;
  clock: HostClock;
  meta: BundleMeta;
}

export function parseCommandArtifact(input: CommandInput, diags: DiagnosticLog): ParsedArtifact | null {
  const { entry, path, text, clock, meta } = input;
  const parser = commandParserForArtifact(entry.name);
  if (!parser) return null;
  const ctx: ParseContext = { file: path, clock };
  if (entry.startMs !== null) ctx.startMs = entry.startMs;
  const interval = metaNumber(meta, 'interval_s');
  if (entry.kind === 'sample' && interval !== null) ctx.intervalS = interval;

  let pieces: { time: SampleTime | null; firstLine: number; text: string }[];
  if (isMarked(path, entry.name)) {
    const split = splitMarkers(text);
    for (const d of split.diagnostics) diags.add(d.level, d.message, path, d.line);
    pieces = split.blocks.map((b) => ({
      time: b.epochMs === null ? null : { epochMs: b.epochMs, quality: 'exact' as const },
      firstLine: b.firstLine,
      text: b.text,
    }));
  } else {
    // A snapshot or one-shot command: the manifest start is when it ran (capture clock).
    const snapshot = entry.kind === 'snap' || entry.kind === 'cmd';
    const time = snapshot && entry.startMs !== null ? { epochMs: entry.startMs, quality: 'exact' as const } : null;
    pieces = [{ time, firstLine: 1, text }];
  }

  let reported = 0;
  const blocks: ParsedArtifact['blocks'] = [];
  for (const piece of pieces) {
    let result: CommandParseResult;
    try {
      result = parser.parse(piece.text, ctx);
    } catch (e) {
      const msg = `parser ${parser.id} failed: ${(e as Error).message}`;
      result = { data: [], diagnostics: [{ level: 'error', message: msg }] };
    }
    for (const d of result.diagnostics ?? []) {
      if (reported++ >= PER_ARTIFACT) continue;
      diags.addParser(d.level, d.message, path, d.line !== undefined ? d.line + piece.firstLine - 1 : undefined);
    }
    blocks.push({ time: piece.time, result });
  }
  if (reported > PER_ARTIFACT) diags.addParser('info', `${reported - PER_ARTIFACT} more parser diagnostics not listed`, path);
  const phase = path.startsWith('snap/start/') ? 'start' : path.startsWith('snap/end/') ? 'end' : undefined;
  return { name: entry.name, path, ...(phase ? { phase } : {}), parser: parser.id, blocks };
}
