/**
 * Every registered parser is complete: implemented, documented in
 * docs/parsers/<id>.md, and run on real input by a harness driven by the
 * registry: a command parser parses real artifacts of the recordings in
 * test/recordings (the rule and model tests' inputs, taken on a real machine)
 * into data, and a log parser carries real sample lines that
 * test/parsers/logs/samples.test.ts runs as its own tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedArtifact } from '../../src/parsers/host-data.js';
import { COMMAND_PARSERS, LOG_PARSERS, PARSER_BY_ARTIFACT } from '../../src/parsers/registry.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { readManifest, replay } from '../rules/recordings.js';

/**
 * Command parsers whose input no recording holds (the capture collects it only
 * where it exists). Each is still run on real files by its own tests. This list
 * only shrinks: an entry whose parser appears in a recording fails the test.
 */
const NOT_IN_RECORDINGS: Record<string, string> = {
  'log-writers':
    'runs only on the logs the capture collects; the recordings are taken with --no-discover and no log. ' +
    'test/parsers/log-writers.test.ts runs a capture with one log this machine writes',
  netstat: "the capture runs netstat -antp only where ss is missing (superseded-by-ss); jc's netstat fixtures in ../shared/corpus/jc are its real inputs",
  'sadf-json':
    'sar history exists only where sadc has written sa files before the window: test/models/history.test.ts (live sadc) and history-corpus.test.ts (corpus sa files)',
};

/** Every parsed artifact of every recording, by parser id. */
const byParser = new Map<string, ParsedArtifact[]>();
beforeAll(async () => {
  for (const id of Object.keys(readManifest())) {
    for (const a of (await replay(id)).artifacts) byParser.set(a.parser, [...(byParser.get(a.parser) ?? []), a]);
  }
});

const hasData = (a: ParsedArtifact): boolean =>
  a.blocks.some((b) => {
    const d = b.result.data;
    return Array.isArray(d) ? d.length > 0 : typeof d === 'object' && d !== null && Object.keys(d).length > 0;
  });

const all = [...COMMAND_PARSERS.map((p) => ({ kind: 'command', p })), ...LOG_PARSERS.map((p) => ({ kind: 'log', p }))];

describe('parser conformance', () => {
  it("the models' artifact map names every artifact of every command parser, with that parser", () => {
    const want = COMMAND_PARSERS.flatMap((p) => p.artifactNames.map((n) => `${n} ${p.id}`)).sort();
    expect(
      Object.entries(PARSER_BY_ARTIFACT)
        .map(([n, p]) => `${n} ${p.id}`)
        .sort(),
    ).toEqual(want);
  });

  it('ids are unique', () => {
    const ids = all.map((x) => x.p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const { kind, p } of all) {
    describe(`${kind} parser ${p.id}`, () => {
      it('is implemented', () => {
        expect(p.title).not.toMatch(/not implemented/);
      });
      it('is documented in docs/parsers/<id>.md', () => {
        const doc = join(REPO_ROOT, 'docs', 'parsers', `${p.id}.md`);
        expect(existsSync(doc), doc).toBe(true);
        expect(readFileSync(doc, 'utf8').length).toBeGreaterThan(200);
      });
      if (kind === 'command') {
        it('parses real artifacts of the recordings into data', () => {
          const got = byParser.get(p.id) ?? [];
          const pending = NOT_IN_RECORDINGS[p.id];
          if (pending) expect(got, `${p.id} is in a recording now: take it off NOT_IN_RECORDINGS`).toEqual([]);
          else
            expect(
              got.filter(hasData).map((a) => a.path),
              `no recording holds real ${p.id} input`,
            ).not.toEqual([]);
        });
      }
      if (kind === 'log' && 'samples' in p) {
        it('carries real sample lines with their origin', () => {
          expect(p.samples.length).toBeGreaterThan(0);
          for (const s of p.samples) expect(s.origin.length).toBeGreaterThan(0);
        });
      }
    });
  }
});
