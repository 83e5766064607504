/** Writing results: to a file, or to stdout for `-`. Failures are OUTPUT_FAILED naming the file. */
import { writeFile } from 'node:fs/promises';
import { SitrepError } from '../errors.js';
import { oneLine } from '../render/text.js';

export async function writeOutput(target: string, content: string): Promise<void> {
  if (target === '-') {
    await writeStdout(content);
    return;
  }
  try {
    await writeFile(target, content);
  } catch (e) {
    throw new SitrepError('OUTPUT_FAILED', `cannot write: ${(e as Error).message}`, { file: target });
  }
}

/** stdout honoring back-pressure, so large outputs piped to `head` or a file stay bounded. */
export function writeStdout(content: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(content)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

/** One line on stderr. Text from a bundle may hold escape sequences and bidi marks: written out as the summary does (`\e`, `\u202e`). */
export function stderrLine(line: string): void {
  process.stderr.write(`${oneLine(line.replace(/\r/g, ' '))}\n`);
}
