/**
 * One log member streamed line by line through the log parser chosen for it.
 * The first lines are held back only until the parser is chosen; after that
 * every line goes straight to the parser and every completed event straight
 * to the sink, so memory does not grow with the log.
 */
import type { DiagnosticLog } from '../bundle/diagnostics.js';
import { splitterDiagnostics } from '../bundle/lines.js';
import type { LogCoverage } from './host-data.js';
import { addParserDiagnostics, coverageOf, readSegment, type LogInput } from './log-segment.js';

export { DETECT_LINES, sourcePathOf, type LogInput } from './log-segment.js';

/** A whole member read in this thread (its splitter's diagnostics go to the log as the member's lines end). */
export async function readLogMember(input: LogInput, diags: DiagnosticLog): Promise<LogCoverage> {
  const path = input.member.path;
  const seg = await readSegment(input, diags);
  addParserDiagnostics(diags, path, seg.parserDiagnostics);
  // The member's lines() already logged the splitter's diagnostics: only counted here.
  const split = splitterDiagnostics(seg.splitter, 0, diags.file, path).length;
  return coverageOf(path, [seg], seg.splitter.lines, seg.parserDiagnostics.length + split);
}
