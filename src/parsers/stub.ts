/** Placeholder for a parser not written yet; the conformance test fails while any remains. */
import type { CommandParser, LogParser } from './types.js';

export function stubCommandParser(id: string, artifactNames: string[], jc?: string): CommandParser {
  return {
    id, title: `${id} (not implemented)`, artifactNames, ...(jc ? { jc } : {}),
    detect: () => 0,
    parse: () => ({ data: [], diagnostics: [{ level: 'error', message: `parser ${id} is not implemented` }] }),
  };
}

export function stubLogParser(id: string): LogParser {
  return {
    id, title: `${id} (not implemented)`, paths: [], samples: [],
    detect: () => 0,
    open: () => ({ push: () => undefined, end: () => undefined, diagnostics: [] }),
  };
}
