/**
 * Recorded real bundles whose cause is a metric rule: the lead sentence names
 * the resource, the finding's own process or device, and the host.
 */
import { describe, expect, it } from 'vitest';
import { headline } from '../../src/render/summary.js';
import { analyse } from './recorded.js';

/** The resource word each metric rule's phrase must carry (from the rule's subject matter, not its output). */
const CASES = [
  { name: 'close-wait-leak', word: /CLOSE_WAIT/ },
  { name: 'cpu-stress', word: /CPU/ },
  { name: 'fio-randwrite', word: /I\/O|busy/ },
];

describe.each(CASES)('lead sentence of recording $name', ({ name, word }) => {
  it('names the resource, the process or device, and the host', async () => {
    const a = await analyse(name);
    const lead = a.diagnosis.problems[0];
    if (!lead) throw new Error(`${name}: no problem diagnosed`);
    const f = a.findings.find((x) => x.id === lead.cause.findings[0]);
    if (!f) throw new Error(`${name}: no cause finding`);
    const s = headline(a).sentence;
    expect(s, `${name} cause ${f.rule}`).toMatch(word);
    expect(s).toContain(a.hosts[0]!.hostname ?? a.hosts[0]!.id);
    if (f.process) expect(s).toContain(f.process.command);
    if (f.process?.pid) expect(s).toContain(`pid ${f.process.pid}`);
    if (f.subject !== 'host' && f.subject !== 'all' && /^(disk|fs|net|tcp-listen)/.test(f.rule)) expect(s).toContain(f.subject);
    expect(s).not.toContain(f.title);
  });
});
