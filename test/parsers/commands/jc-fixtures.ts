/**
 * jc's fixtures for each command parser, found from the registry: a parser
 * that declares `jc` (jc's parser name) is compared with every fixture jc
 * keeps for that parser, `../shared/corpus/jc/<dir>/<command>[-<desc>].out`
 * with its `.json` (jc's `name--desc` shape), read at run time. jc's
 * /proc parsers (`proc_meminfo`) are `linux-proc/<file>` (`meminfo`, `stat2`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_PARSERS } from '../../../src/parsers/registry.js';
import { CORPUS, HAS_CORPUS } from '../../helpers/corpus.js';

export interface JcFixture {
  /** `<dir>/<name>`, as jc's tests name them. */
  key: string;
  input: string;
  expected: string;
  parser: string;
}

/** Fixtures of a parser's jc name that print something else, each with its reason. */
const OTHER_OUTPUT: ReadonlyArray<[RegExp, string]> = [
  [/^netstat-(?:r|i|rne|rnee)(?:-|$)/, 'netstat -r / -i print routing and interface tables, not connections: out of scope'],
];

/** The fixture base names jc's parser `jc` reads in folder `dir`. */
function belongs(jc: string, dir: string, base: string): boolean {
  if (jc.startsWith('proc_')) return dir === 'linux-proc' && new RegExp(`^${jc.slice(5)}\\d*$`).test(base);
  if (dir === 'linux-proc' || OTHER_OUTPUT.some(([re]) => re.test(base))) return false;
  return base === jc || base.startsWith(`${jc}-`);
}

/** The registered parser that jc's fixture `<dir>/<base>` is for, if any. */
export function parserForJcFixture(dir: string, base: string): string | undefined {
  return COMMAND_PARSERS.find((p) => p.jc !== undefined && belongs(p.jc, dir, base))?.id;
}

export function jcFixtures(): JcFixture[] {
  const root = join(CORPUS, 'jc');
  if (!HAS_CORPUS || !existsSync(root)) return [];
  const out: JcFixture[] = [];
  for (const dir of readdirSync(root).sort()) {
    const files = new Set(readdirSync(join(root, dir)));
    for (const f of [...files].sort()) {
      if (!f.endsWith('.json')) continue;
      const name = f.slice(0, -'.json'.length);
      const input = files.has(`${name}.out`) ? `${name}.out` : files.has(name) ? name : null;
      const parser = parserForJcFixture(dir, name);
      if (input && parser) out.push({ key: `${dir}/${name}`, input: join(root, dir, input), expected: join(root, dir, f), parser });
    }
  }
  return out;
}
