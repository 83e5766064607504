/**
 * `nstat -az` (also `nstat`, `nstat -a`) → list of `{name, value, rate}`
 * (jc has no parser): the kernel counter name as nstat prints it
 * (`TcpExtListenOverflows`, `IpInReceives`), its integer value (absolute with
 * -a, else since nstat's last run) and nstat's float rate. The `#kernel`
 * header line is skipped.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyFloat, pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export interface NstatRecord {
  name: string;
  value: number;
  rate: number | null;
}

export const nstat: CommandParser<NstatRecord[]> = {
  id: 'nstat',
  title: 'nstat',
  artifactNames: ['nstat'],
  detect(head) {
    return /^#kernel\s*$/m.test(head) && /^[A-Z][A-Za-z0-9]+\s+\d+\s+[\d.]+\s*$/m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: NstatRecord[] = [];
    let kernel = false;
    splitLines(text).forEach((line, i) => {
      const t = line.trim();
      if (t === '#kernel') kernel = true;
      if (t === '' || t.startsWith('#')) return;
      if (!kernel) {
        // nstat always prints "#kernel" first; without it these are some other "name value" lines.
        diags.error(`counter before the "#kernel" line: ${t.slice(0, 80)}`, i + 1);
        return;
      }
      const parts = t.split(/\s+/);
      const value = pyInt(parts[1] ?? '');
      const rate = parts[2] === undefined ? null : pyFloat(parts[2]);
      if (parts.length < 2 || parts.length > 3 || value === null || (parts[2] !== undefined && rate === null)) {
        diags.error(`not a "name value rate" line: ${t.slice(0, 80)}`, i + 1);
        return;
      }
      data.push({ name: parts[0] ?? '', value, rate });
    });
    return { data, diagnostics: diags.done() };
  },
};
