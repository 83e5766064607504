/** `sitrep inspect BUNDLE`: what a bundle holds, from meta.txt and the manifest, without parsing it. */
import type { Argv, CommandModule } from 'yargs';
import { readBundleHeader, type BundleHeader } from '../../bundle/header.js';
import { metaMs } from '../../bundle/manifest.js';
import { formatDiagnostic } from '../../bundle/diagnostics.js';
import { parseMode, writeOutput, writeStdout } from '../output.js';
import { oneLine, visibleJson } from '../../render/text.js';

interface InspectArgs {
  bundle: string;
  json?: string;
  mode?: string;
}

export function inspectCommand(_setCode: (code: number) => void): CommandModule<object, InspectArgs> {
  return {
    command: 'inspect <bundle>',
    describe: 'show what a bundle holds: host, window, each artifact and its status, what is missing and why',
    builder: (y: Argv) =>
      y
        .positional('bundle', { type: 'string', demandOption: true, describe: 'bundle file or unpacked directory' })
        .option('json', { type: 'string', describe: 'write JSON instead of the table (file, or - for stdout)' })
        .option('mode', { type: 'string', describe: 'file mode of the JSON file, octal', default: '0600' })
        .example('$0 inspect web1-20251126T050000Z.tar.gz', 'table of artifacts')
        .example(
          '$0 inspect web1-20251126T050000Z.tar.gz --json - | jq ".artifacts[] | select(.status != \\"ok\\")"',
          'what did not work',
        ) as unknown as Argv<InspectArgs>,
    handler: async (args) => {
      const h = await readBundleHeader(args.bundle);
      if (args.json !== undefined) {
        const json = inspectJson(h);
        await writeOutput(args.json, `${visibleJson(JSON.stringify(json, null, 2))}\n`, { inputs: [args.bundle], mode: parseMode(args.mode) });
        return;
      }
      await writeStdout(inspectText(h));
    },
  };
}

export function inspectJson(h: BundleHeader): object {
  const meta = h.meta ?? {};
  return {
    bundle: h.bundle,
    hostname: meta.hostname ?? null,
    tier: meta.tier ?? '',
    formatVersion: meta.format_version ?? null,
    window: { start: metaMs(meta, 'start_epoch'), end: metaMs(meta, 'end_epoch') },
    clock: { tzName: meta.tz_name ?? null, utcOffset: meta.utc_offset ?? null, ntpSynced: meta.ntp_synced ?? null },
    missingTools: (meta.missing_tools ?? '').split(' ').filter(Boolean),
    manifestGuessed: h.guessed,
    meta,
    artifacts: h.manifest,
    diagnostics: h.diagnostics,
  };
}

/** A bundle's manifest has ~80 rows; beyond this a terminal shows a count, the JSON everything. */
const MAX_ROWS = 500;
const MAX_MISSING = 20;

const iso = (ms: number | null): string => (ms === null ? '?' : new Date(ms).toISOString().replace('.000Z', 'Z'));
/** Untrusted text in a terminal: controls and bidi marks written out (as the analyze summary does), no tabs breaking columns. */
const clean = oneLine;

export function inspectText(h: BundleHeader): string {
  const meta = h.meta ?? {};
  const start = metaMs(meta, 'start_epoch');
  const end = metaMs(meta, 'end_epoch');
  const out: string[] = [];
  out.push(`bundle   ${clean(h.bundle)}`);
  out.push(`host     ${clean(meta.hostname ?? '?')}${meta.tier ? `  tier ${clean(meta.tier)}` : ''}${meta.os ? `  ${clean(meta.os)}` : ''}`);
  out.push(`window   ${iso(start)} → ${iso(end)}${start !== null && end !== null ? ` (${Math.round((end - start) / 1000)} s)` : ''}`);
  out.push(`clock    ${clean(meta.tz_name ?? '?')} ${clean(meta.utc_offset ?? '')}  ntp ${clean(meta.ntp_synced ?? '?')}`);
  out.push(
    `format   ${clean(meta.format_version ?? '?')}  capture ${clean(meta.sitrep_version ?? '?')}  user ${clean(meta.user ?? '?')} uid ${clean(meta.uid ?? '?')}`,
  );
  if (h.guessed) out.push('manifest MISSING: artifacts below are guessed from member paths');
  out.push('');
  const shown = h.manifest.slice(0, MAX_ROWS);
  const rows = shown.map((e) => [e.name, String(e.status), e.bytes === null ? '-' : String(e.bytes), e.path ?? '-', e.reason ?? ''].map(clean));
  const head = ['ARTIFACT', 'STATUS', 'BYTES', 'PATH', 'REASON'];
  // A loop, not Math.max(...column): a crafted manifest of 200,000 rows would overflow the stack.
  const widths = head.map((t) => t.length);
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.min(48, Math.max(widths[i]!, c.length))));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd();
  out.push(fmt(head));
  for (const r of rows) out.push(fmt(r));
  if (h.manifest.length > shown.length) out.push(`… and ${h.manifest.length - shown.length} more rows (--json - lists them all)`);
  const bad = h.manifest.filter((e) => e.status !== 'ok');
  const named = bad.slice(0, MAX_MISSING).map((e) => `${clean(e.name)} (${clean(String(e.status))}${e.reason ? `: ${clean(e.reason)}` : ''})`);
  out.push('');
  if (bad.length === 0) out.push('missing  nothing: every artifact is ok');
  else out.push(`missing  ${named.join(', ')}${bad.length > named.length ? `, and ${bad.length - named.length} more` : ''}`);
  if (meta.missing_tools) out.push(`tools    not installed: ${clean(meta.missing_tools)}`);
  for (const d of h.diagnostics) out.push(clean(formatDiagnostic(d)));
  return `${out.join('\n')}\n`;
}
