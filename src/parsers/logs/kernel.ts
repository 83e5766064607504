/**
 * The kernel ring buffer as `dmesg` prints it. Raw stamps `[   12.345678]` are
 * seconds since boot on the kernel's monotonic clock: wall time = boot + stamp,
 * with boot taken from meta.txt (start_epoch - mono_at_start, else boot_epoch),
 * quality 'derived' — approximate after suspend or clock drift (docs/time.md).
 * Also `dmesg -T` (`[Thu Nov 26 05:03:02 2026]`, host zone), `dmesg -r`
 * (`<6>[...]`) and `dmesg -x` (`kern  :info  : [...]`). kern.log is syslog-framed
 * and goes to `syslog`. A rotated /var/log/dmesg.N is from an earlier boot: its
 * stamps cannot be placed, so its events get no time.
 */
import type { LineReader, LogContext, LogEvent, LogParser } from '../types.js';
import { cap, isDigit, num } from './lib/chars.js';
import { SEVERITIES, levelOf } from './lib/levels.js';
import { EntryReader, share } from './lib/reader.js';
import { monthAt } from './lib/stamps.js';
import { Char } from './lib/char-codes.js';

/** Boot instant in epoch ms from the host clock, or null when the bundle did not say. */
export function bootMsOf(ctx: LogContext): number | null {
  const { captureStartMs, monoAtStartS, bootMs } = ctx.clock;
  if (captureStartMs !== undefined && monoAtStartS !== undefined) return captureStartMs - monoAtStartS * 1000;
  return bootMs ?? null;
}

class KernelReader extends EntryReader {
  private readonly boot: number | null;
  private warnedNoClock = false;

  constructor(ctx: LogContext) {
    super(ctx);
    this.boot = /dmesg\.\d/.test(ctx.file) ? null : bootMsOf(ctx);
  }

  protected head(line: string, lineNo: number): LogEvent | undefined {
    if (line.length === 0) return undefined;
    let i = 0;
    let level: LogEvent['level'];
    if (line.charCodeAt(0) === Char.Lt) {
      const close = line.indexOf('>');
      const pri = close > 1 && close < 5 ? num(line, 1, close - 1) : -1;
      if (pri >= 0) {
        level = SEVERITIES[pri & 7];
        i = close + 1;
      }
    } else if (line.charCodeAt(6) === Char.Colon && line.charCodeAt(13) === Char.Colon) {
      // dmesg -x: facility and level padded to 6 characters
      level = levelOf(line.slice(7, 13).trim());
      i = 15;
    }
    let t = NaN;
    if (line.charCodeAt(i) === Char.LBracket) {
      const close = line.indexOf(']', i);
      if (close > 0) {
        // A monotonic stamp is consumed even when it cannot be placed (no boot time); other brackets are text.
        const mono = isDigit(line, close - 1) && line.charCodeAt(close - 7) === Char.Dot;
        t = mono ? this.mono(line, i + 1, close) : this.wall(line, i + 1);
        if (t === t || mono) i = close + 1;
      }
    }
    if (line.charCodeAt(i) === Char.Space) i++;
    const ev = this.event(t, lineNo, cap(line.slice(i)));
    if (level) ev.level = level;
    ev.program = 'kernel';
    return ev;
  }

  private mono(s: string, from: number, close: number): number {
    let j = from;
    while (s.charCodeAt(j) === Char.Space) j++;
    const secs = Number(s.slice(j, close));
    if (!Number.isFinite(secs)) return NaN;
    if (this.boot === null) {
      this.time.quality = 'unknown';
      if (!this.warnedNoClock) {
        this.warnedNoClock = true;
        this.diagnostics.push({
          level: 'info',
          message:
            'dmesg monotonic stamps cannot be placed: no boot time for this file (meta.txt lacks start_epoch/mono_at_start, or the file is from an earlier boot)',
        });
      }
      return NaN;
    }
    this.time.quality = 'derived';
    return Math.round(this.boot + secs * 1000);
  }

  /** `Thu Nov 26 05:03:02 2026` (dmesg -T), printed in the host's zone. */
  private wall(s: string, i: number): number {
    const mo = monthAt(s, i + 4);
    const d = num(s, i + 8, 2) >= 0 ? num(s, i + 8, 2) : num(s, i + 9, 1);
    const h = num(s, i + 11, 2);
    const mi = num(s, i + 14, 2);
    const sec = num(s, i + 17, 2);
    const y = num(s, i + 20, 4);
    if (mo === 0 || d < 1 || h < 0 || mi < 0 || sec < 0 || y < 0) return NaN;
    return this.time.zoned(y, mo, d, h, mi, sec, 0);
  }
}

// A `[ctime] [level]` line is an Apache 2.2 error log, not `dmesg -T`.
const STAMPED = /^(<\d{1,3}>|\w+ *:\w+ *: )?\[( *\d+\.\d{6}|\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4})\] (?!\[\w+(:\w+)?\] )/;

export const kernel: LogParser = {
  id: 'kernel',
  title: 'kernel ring buffer (dmesg raw, -T, -r, -x)',
  paths: [/\/var\/log\/dmesg(\.\d+)?(\.gz)?$/, /(^|\/)cmd\/dmesg\.txt$/],
  family: 'kernel',
  detect: (lines) => share(lines, (l) => STAMPED.test(l), 0.95),
  samples: [
    {
      lines: ["[    0.000000] [Firmware Bug]: TSC doesn't count with P0 frequency!"],
      expect: { time: '2026-11-25T05:40:00.000Z', message: "[Firmware Bug]: TSC doesn't count with P0 frequency!", program: 'kernel' },
      origin: 'captured here: dmesg (time = sample clock boot 2026-11-25T05:40Z + 0 s)',
    },
    {
      lines: ['[    2.090905] SELinux:  Completing initialization.'],
      expect: { time: '2026-11-25T05:40:02.091Z', message: 'SELinux:  Completing initialization.' },
      origin: 'insights-core test_dmesg_log/DMESG_EXAMPLE.txt',
    },
    {
      lines: ['<5>[    0.000000] Linux version 6.18.44-fc-v595 (builder@sandboxing) (gcc (GCC) 15.3.0, GNU ld (GNU Binutils) 2.46) #1 SMP PREEMPT_DYNAMIC @0'],
      expect: { level: 'notice', time: '2026-11-25T05:40:00.000Z' },
      origin: 'captured here: dmesg -r',
    },
    {
      lines: ['kern  :notice: [    0.109910] Kernel command line: mitigations=auto,no_guest_host,no_guest_guest console=ttyS0 quiet reboot=k panic=1 nomodule'],
      expect: { level: 'notice', time: '2026-11-25T05:40:00.110Z' },
      origin: 'captured here: dmesg -x (line shortened)',
    },
    {
      lines: [
        '[Thu Nov 26 05:02:32 2026] Linux version 6.18.44-fc-v595 (builder@sandboxing) (gcc (GCC) 15.3.0, GNU ld (GNU Binutils) 2.46) #1 SMP PREEMPT_DYNAMIC @0',
      ],
      expect: {
        time: '2026-11-26T05:02:32.000Z',
        message: 'Linux version 6.18.44-fc-v595 (builder@sandboxing) (gcc (GCC) 15.3.0, GNU ld (GNU Binutils) 2.46) #1 SMP PREEMPT_DYNAMIC @0',
      },
      origin: 'captured here: dmesg -T (host in UTC)',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new KernelReader(ctx);
  },
};
