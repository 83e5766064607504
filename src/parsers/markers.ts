/**
 * Files under proc/ (and sample/ss-tanp.txt) hold one block per sample, each
 * opened by `@@sitrep <epoch.fraction>` (docs/bundle-format.md). The marker is
 * the capture's own clock read right before the sample, so a block's time is
 * 'exact' for that host's clock (clock skew between hosts is the timeline's
 * business, as for every other exact stamp).
 */
import type { Diagnostic } from './types.js';

export interface MarkedBlock {
  /** Epoch ms of the marker; null when the marker's number is unreadable. */
  epochMs: number | null;
  /** 1-based line of the first content line (the marker is the line before). */
  firstLine: number;
  text: string;
}

const MARKER = /^@@sitrep[ \t]+(\S*)[ \t]*\r?$/;

/** Artifacts whose content is split on time markers. */
export function isMarked(path: string, name: string): boolean {
  return path.startsWith('proc/') || name === 'ss-tanp';
}

export function splitMarkers(text: string): { blocks: MarkedBlock[]; diagnostics: Diagnostic[] } {
  const blocks: MarkedBlock[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  let current: { epochMs: number | null; firstLine: number; lines: string[] } | null = null;
  let preamble = 0;
  const close = (): void => {
    if (!current) return;
    // Keep the text as the file had it, minus the newline that ends the block.
    blocks.push({ epochMs: current.epochMs, firstLine: current.firstLine, text: current.lines.join('\n') });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = line.startsWith('@@sitrep') ? MARKER.exec(line) : null;
    if (m) {
      close();
      const secs = Number(m[1]);
      const ok = m[1] !== '' && Number.isFinite(secs) && secs > 0;
      if (!ok) diagnostics.push({ level: 'warning', line: i + 1, message: `time marker without a readable epoch: ${JSON.stringify(line.slice(0, 80))}` });
      current = { epochMs: ok ? Math.round(secs * 1000) : null, firstLine: i + 2, lines: [] };
      continue;
    }
    if (current) current.lines.push(line);
    else if (line.trim() !== '') preamble++;
  }
  close();
  // The file's final newline leaves an empty last line in the last block.
  const last = blocks[blocks.length - 1];
  if (last && last.text.endsWith('\n')) last.text = last.text.slice(0, -1);
  if (preamble > 0) diagnostics.push({ level: 'warning', line: 1, message: `${preamble} line(s) before the first time marker ignored` });
  if (blocks.length === 0 && text.trim() !== '') diagnostics.push({ level: 'warning', message: 'no @@sitrep time marker found' });
  return { blocks, diagnostics };
}
