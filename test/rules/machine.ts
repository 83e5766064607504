/** The facts about the machine a recording was taken on, kept in test/recordings/manifest.json. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, release } from 'node:os';

export interface MachineFacts {
  kernel: string;
  os: string;
  cpus: number;
  cpuModel: string;
  memTotalKb: number;
  /** sysstat's version (vmstat, mpstat, iostat, sar come from procps and sysstat). */
  sysstat: string;
  procps: string;
  stressNg: string;
  fio: string;
  root: boolean;
}

function version(cmd: string, args: string[]): string {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return (/\d+\.\d+(\.\d+)?/.exec(out)?.[0] ?? out.split('\n')[0] ?? '').trim();
  } catch {
    return 'absent';
  }
}

export function machineFacts(): MachineFacts {
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  return {
    kernel: release(),
    os: /^PRETTY_NAME="?([^"\n]*)/m.exec(osRelease)?.[1] ?? 'unknown',
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memTotalKb: Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0),
    sysstat: version('mpstat', ['-V']),
    procps: version('vmstat', ['-V']),
    stressNg: version('stress-ng', ['--version']),
    fio: version('fio', ['--version']),
    root: process.getuid?.() === 0,
  };
}
