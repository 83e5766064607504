/**
 * sitrep's own `net-speed` artifact: `<interface> <Mbit/s>` per
 * /sys/class/net entry (see docs/bundle-format.md). Output: list of
 * `{name, speed_mbps}`; speed_mbps is null when the driver does not know the
 * speed (`-1`) or it could not be read (`-`: interface down, no attribute).
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { splitLines } from './lib/lines.js';

export interface NetSpeed {
  name: string;
  speed_mbps: number | null;
}

const LINE = /^(\S+) (-?\d+|-)$/;

export const netSpeed: CommandParser<NetSpeed[]> = {
  id: 'net-speed',
  title: 'link speed per interface (/sys/class/net/*/speed)',
  artifactNames: ['net-speed'],
  detect(head) {
    const lines = head
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 5);
    return lines.length > 0 && lines.every((l) => LINE.test(l)) ? 0.4 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: NetSpeed[] = [];
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const m = LINE.exec(line.trim());
      if (!m) {
        diags.error(`not an "interface speed" line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      const v = m[2] === '-' ? null : Number(m[2]);
      data.push({ name: m[1] ?? '', speed_mbps: v !== null && v > 0 ? v : null });
    });
    return { data, diagnostics: diags.done() };
  },
};
