/**
 * sitrep's own `log-writers` artifact: `<pid>\t<comm>\t<log path>` for each
 * process holding a collected log open (see docs/bundle-format.md). Output:
 * list of `{pid, comm, path}`. The analyzer takes these processes as the
 * tier's own, which matters when several tiers share one machine.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { splitLines } from './lib/lines.js';

export interface LogWriter {
  pid: number;
  comm: string;
  path: string;
}

const LINE = /^(\d+)\t([^\t]*)\t(\/.*)$/;

export const logWriters: CommandParser<LogWriter[]> = {
  id: 'log-writers',
  title: 'processes holding the collected logs open',
  artifactNames: ['log-writers'],
  detect(head) {
    const lines = head
      .split('\n')
      .filter((l) => l !== '')
      .slice(0, 5);
    return lines.length > 0 && lines.every((l) => LINE.test(l)) ? 0.7 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: LogWriter[] = [];
    splitLines(text).forEach((line, i) => {
      if (line === '') return;
      const m = LINE.exec(line);
      if (!m) {
        diags.error(`not a "pid<TAB>comm<TAB>path" line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      data.push({ pid: Number(m[1]), comm: m[2] ?? '', path: m[3] ?? '' });
    });
    return { data, diagnostics: diags.done() };
  },
};
