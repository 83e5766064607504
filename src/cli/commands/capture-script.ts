/**
 * `sitrep capture-script [-o FILE]`: the capture script that writes the bundle
 * format this analyzer reads, to hand over to a server (`| ssh host 'sudo bash
 * -s -- …'`, or a file to copy onto an air-gapped one). It is the package's
 * scripts/sitrep-capture.sh, or the copy inlined in the single-file build.
 */
import { chmod } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { readAsset } from '../../assets.js';
import { requireValues } from '../options.js';
import { shownName } from '../paths.js';
import { stderrLine, writeOutput, writeStdout } from '../output.js';

interface CaptureScriptArgs {
  output?: string;
}

export const CAPTURE_SCRIPT = 'scripts/sitrep-capture.sh';

export function captureScriptCommand(_setCode: (code: number) => void): CommandModule<object, CaptureScriptArgs> {
  return {
    command: 'capture-script',
    describe: 'print the capture script (bash) to run on a server; it writes the bundle this sitrep reads',
    builder: (y: Argv) =>
      y
        .option('output', { alias: 'o', type: 'string', describe: 'write it to FILE (made executable) instead of stdout' })
        .example("$0 capture-script | ssh web1 'sudo bash -s -- -t web -d 30 --stdout' > web1.tar.gz", 'capture web1 over ssh, bundle back on stdout')
        .example('$0 capture-script -o sitrep-capture.sh', 'a file to copy onto an air-gapped host') as unknown as Argv<CaptureScriptArgs>,
    handler: async (args) => {
      requireValues(args, { output: '-o/--output' });
      const script = readAsset(CAPTURE_SCRIPT);
      if (args.output === undefined || args.output === '-') {
        await writeStdout(script);
        return;
      }
      await writeOutput(args.output, script);
      // Executable where the file system has the notion (not on Windows); the copy is what matters.
      await chmod(args.output, 0o755).catch(() => undefined);
      stderrLine(`sitrep: wrote ${args.output}; copy it to the server and run: sudo bash ${shownName(args.output)} -t TIER -d 30`);
    },
  };
}
