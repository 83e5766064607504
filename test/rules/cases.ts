/**
 * The case table for every rule: recorded real inputs (recorded-inputs.ts,
 * replayed from test/recordings) and the catalogue's real log lines (events.ts).
 * A rule with no invalid case here has no real firing data yet: the
 * conformance test lists it and fails until one is found.
 */
import type { RuleCases } from './rule-tester.js';
import { eventsInput, sampleOrigins } from './events.js';
import * as R from './recorded-inputs.js';

const IDLE = { name: 'idle window on this machine', origin: 'vmstat/mpstat/iostat/ss/df/fd-counts and /proc samples, nothing running', input: R.IDLE };
const CPU = { name: 'stress-ng --cpu 3xN', origin: 'samples taken while stress-ng --cpu 3×CPUs ran', input: R.CPU_STRESS };
const SWAP = {
  name: 'stress-ng --vm-keep 200M in a 64 MiB cgroup, 160 MiB zram swap',
  origin: "samples taken while the kernel swapped a memory cgroup's pages to zram and back",
  input: R.SWAPPING,
};
const FIO = { name: 'fio randwrite bs=256k direct=1 iodepth=32', origin: 'samples taken while fio random-wrote a file in /tmp', input: R.FIO_RANDWRITE };

/** A rule driven by log signals: fires on its signals' real sample lines, silent on other signals' lines. */
function eventRule(rule: string, firing: string[], other: string[], expect?: RuleCases['invalid'][number]['expect']): RuleCases {
  return {
    rule,
    valid: [IDLE, { name: `lines of other signals (${other.join(', ')})`, origin: sampleOrigins(other), input: () => eventsInput(other) }],
    invalid: [
      {
        name: `catalogue sample lines of ${firing.join(', ')}`,
        origin: sampleOrigins(firing),
        input: () => eventsInput(firing),
        ...(expect ? { expect } : {}),
      },
    ],
  };
}

export const CASES: RuleCases[] = [
  { rule: 'cpu-utilization', valid: [IDLE], invalid: [{ ...CPU, expect: { severity: 'info', subject: 'all' } }] },
  {
    rule: 'cpu-imbalance',
    valid: [IDLE, CPU],
    invalid: [
      { name: 'stress-ng --cpu 1 --taskset 0', origin: 'samples taken with one busy loop pinned to CPU 0', input: R.PINNED_CPU, expect: { subject: 'cpu0' } },
    ],
  },
  { rule: 'cpu-steal', valid: [IDLE, CPU], invalid: [] },
  {
    rule: 'cpu-saturation',
    valid: [IDLE, { name: 'one pinned worker', origin: 'stress-ng --cpu 1 --taskset 0', input: R.PINNED_CPU }],
    invalid: [
      { ...CPU, expect: { severity: 'critical', subject: 'runq' } },
      {
        name: 'stress-ng --cpu CPUs --taskset 0',
        origin: 'as many busy loops as CPUs, all on CPU 0: the other CPUs idle, yet all but one loop always wait (PSI cpu some)',
        input: R.PINNED_CROWD,
        expect: { severity: 'warning', subject: 'runq' },
      },
    ],
  },
  {
    rule: 'cpu-load',
    valid: [IDLE],
    invalid: [
      {
        name: 'stress-ng --cpu 4xN for 30 s before sampling',
        origin:
          '/proc/loadavg sampled after half a minute of stress-ng with 4 workers a CPU (the 1-minute average passes the CPU count after 17 s from any load)',
        input: R.CPU_STRESS_LONG,
        expect: { subject: 'load1', severity: 'info' },
      },
    ],
  },
  { rule: 'cpu-pressure', valid: [IDLE], invalid: [{ ...CPU, expect: { subject: 'some' } }] },
  eventRule('cpu-errors', ['mce'], ['oom-kill', 'http-502']),
  eventRule('kernel-errors', ['soft-lockup', 'hung-task', 'kernel-oops'], ['mce', 'syn-flood']),
  eventRule('memory-errors', ['oom-kill', 'oom-kill-cgroup'], ['oom-killer-invoked', 'mce'], { severity: 'critical', subject: 'oomKill' }),
  {
    rule: 'memory-utilization',
    valid: [IDLE, CPU],
    invalid: [
      {
        name: 'MemAvailable held at 7% of MemTotal',
        origin:
          '/proc/meminfo sampled while a python process kept mapping and writing anonymous memory until MemAvailable was 7% of MemTotal (oom_score_adj 1000)',
        input: R.MEMORY_HELD,
        expect: { subject: 'available', severity: 'warning' },
      },
    ],
  },
  {
    rule: 'memory-cache-collapse',
    valid: [IDLE, FIO],
    invalid: [
      {
        name: 'page cache dropped (echo 3 > drop_caches) mid-window',
        origin: '/proc/meminfo sampled while the kernel dropped the page cache and slab caches',
        input: R.CACHE_DROP,
        expect: { subject: 'page-cache' },
      },
    ],
  },
  { rule: 'swap-utilization', valid: [IDLE], invalid: [{ ...SWAP, expect: { subject: 'swap' } }] },
  { rule: 'memory-swapping', valid: [IDLE, CPU], invalid: [{ ...SWAP, expect: { subject: 'swap-out' } }] },
  { rule: 'memory-paging', valid: [IDLE, CPU], invalid: [{ ...SWAP, expect: { subject: 'major-faults' } }] },
  { rule: 'memory-pressure', valid: [IDLE, CPU], invalid: [SWAP] },
  eventRule('disk-errors', ['disk-io-error', 'fs-error', 'fs-readonly'], ['no-space-left', 'oom-kill'], { severity: 'critical', subject: 'ioError' }),
  { rule: 'disk-utilization', valid: [IDLE, CPU], invalid: [{ ...FIO, expect: { subject: 'vda' } }] },
  { rule: 'disk-saturation', valid: [IDLE, CPU], invalid: [{ ...FIO, expect: { subject: 'vda' } }] },
  {
    rule: 'io-pressure',
    valid: [IDLE, FIO],
    invalid: [
      {
        name: 'fio psync randwrite bs=256k direct=1, 2 jobs',
        origin: 'samples taken while two fio jobs wrote synchronously (blocking in io_schedule, which PSI counts)',
        input: R.FIO_SYNC,
      },
    ],
  },
  eventRule('fs-enospc', ['no-space-left'], ['disk-io-error', 'too-many-open-files'], { severity: 'critical' }),
  {
    rule: 'fs-capacity',
    valid: [IDLE],
    invalid: [
      {
        name: 'tmpfs filled to 97% of space and inodes',
        origin: 'df -P / df -P -i on a 4 MiB, 64-inode tmpfs after writing it full',
        input: R.FULL_FS,
        expect: { severity: 'critical', subject: /:inodes$/ },
      },
    ],
  },
  {
    rule: 'net-errors',
    valid: [
      IDLE,
      CPU,
      {
        name: 'tbf congestion (qdisc drops, TCP retransmits)',
        origin:
          "sitrep-capture.sh in the sending namespace of the tcp-retransmits case: tbf drops in the router namespace, the sender's interface counts no error",
        input: R.TCP_CONGESTION,
      },
    ],
    invalid: [
      {
        name: 'VXLAN tunnel whose remote has no route, 50 datagrams/s through it',
        origin: 'sitrep-capture.sh -d 6 run inside a network namespace (ip netns exec) whose vx0 counted every frame as a tx carrier error',
        input: R.TUNNEL_ERRORS,
        expect: { subject: 'vx0' },
      },
    ],
  },
  {
    rule: 'net-throughput',
    valid: [IDLE],
    invalid: [
      {
        name: 'TAP device set to a 10 Mbit/s link, sent 900 datagrams/s of 1200 bytes',
        origin:
          'sitrep-capture.sh -d 6 run inside a network namespace: /proc/net/dev tx bytes of tap0 against the 10 Mbit/s it reports in /sys/class/net/tap0/speed (net-speed snapshot) after ethtool -s tap0 speed 10',
        input: R.TAP_NEAR_SPEED,
        expect: { subject: 'tap0:tx' },
      },
    ],
  },
  {
    rule: 'net-drops',
    valid: [
      IDLE,
      CPU,
      {
        name: 'drained TAP device at 89% of its link speed',
        origin: 'sitrep-capture.sh in the namespace of the net-throughput case: the reader keeps up, nothing is dropped',
        input: R.TAP_NEAR_SPEED,
      },
    ],
    invalid: [
      {
        name: 'TAP device whose reader stalled, 1000 datagrams/s sent to it',
        origin: 'sitrep-capture.sh -d 6 run inside a network namespace while the tun driver dropped frames its full ring could not queue',
        input: R.TAP_STALLED,
        expect: { subject: 'tap0' },
      },
    ],
  },
  {
    rule: 'tcp-retransmits',
    valid: [IDLE, CPU],
    invalid: [
      {
        name: 'one TCP stream through a 20 Mbit/s tbf with a 16 KB queue',
        origin:
          "sitrep-capture.sh -d 6 run inside the sending network namespace (sender, router, receiver joined by veth pairs) while the router's tbf dropped what its queue could not hold, once the sender retransmitted >= 5% of its segments",
        input: R.TCP_CONGESTION,
        expect: { subject: 'retransmits' },
      },
    ],
  },
  eventRule('conntrack-full', ['conntrack-full'], ['syn-flood', 'http-504']),
  {
    rule: 'tcp-time-wait',
    valid: [IDLE, { name: 'CLOSE_WAIT leak', origin: 'ss -tanp during a leak', input: R.CLOSE_WAIT }],
    invalid: [
      {
        name: '20k short connections to another namespace',
        origin:
          "sitrep-capture.sh -d 6 in the client's network namespace after 20000 connect/close over veth to a node server (not loopback: its TIME_WAIT ports are reused, and a loopback storm stops at half the range)",
        input: R.TIME_WAIT,
        expect: { subject: '10.81.0.2:18932' },
      },
    ],
  },
  {
    rule: 'tcp-close-wait',
    valid: [IDLE, { name: 'TIME_WAIT storm', origin: "sitrep-capture.sh in the client's namespace after a connect/close storm over veth", input: R.TIME_WAIT }],
    invalid: [
      {
        name: 'node server never closing client-closed sockets',
        origin: 'ss -tanp every 1.5 s while a client opened and closed 200 connections',
        input: R.CLOSE_WAIT,
        expect: { subject: /^node\/\d+$/, severity: 'critical' },
      },
      {
        name: 'node server not accepting: client-closed sockets wait in its accept queue',
        origin: 'ss -tanp every 1.5 s while a client opened and closed 60 connections to a node server busy-looping after listen()',
        input: R.CLOSE_WAIT_UNACCEPTED,
        expect: { subject: /^node\/\d+$/, title: /not yet accepted/ },
      },
    ],
  },
  {
    ...eventRule('tcp-listen-overflow', ['syn-flood'], ['conntrack-full', 'http-502'], { subject: 'synFlood' }),
    invalid: [
      {
        name: 'catalogue sample lines of syn-flood',
        origin: sampleOrigins(['syn-flood']),
        input: () => eventsInput(['syn-flood']),
        expect: { subject: 'synFlood' },
      },
      {
        name: 'listen backlog 1, never accepting, 64 clients',
        origin: '/proc/net/netstat sampled while 64 clients connected to a python socket with listen(1) and no accept()',
        input: R.LISTEN_OVERFLOW,
        expect: { subject: 'accept-queue' },
      },
    ],
  },
  eventRule('fd-errors', ['too-many-open-files'], ['no-space-left', 'fork-failed']),
  {
    rule: 'fd-system',
    valid: [IDLE],
    invalid: [
      {
        name: 'file handles held at 85% of fs.file-max',
        origin: '/proc/sys/fs/file-nr sampled while forked python processes held /dev/null open up to 85% of fs.file-max',
        input: R.FILE_HANDLES,
        expect: { subject: 'file-nr', severity: 'warning' },
      },
    ],
  },
  {
    rule: 'fd-process',
    valid: [IDLE],
    invalid: [
      {
        name: 'node holding 40 files under ulimit -n 64',
        origin: "fd-counts (the capture's script) while prlimit --nofile=64 node held 40 files open",
        input: R.FD_HOG,
        expect: { subject: /^node:/ },
      },
    ],
  },
  eventRule('tasks-errors', ['fork-failed'], ['too-many-open-files', 'mce']),
  {
    rule: 'tasks-limit',
    valid: [IDLE],
    invalid: [
      {
        name: 'threads held at 85% of min(threads-max, pid_max)',
        origin:
          '/proc/loadavg sampled (and sysctl kernel.threads-max kernel.pid_max) while one python process held threads (pthread_create, blocked in pause()) up to 85% of the limit',
        input: R.TASK_FILL,
        expect: { subject: 'threads' },
      },
    ],
  },
  eventRule('app-errors', ['http-5xx', 'http-502', 'http-504'], ['db-lock-wait', 'mce'], { subject: 'http5xx' }),
  eventRule('db-locks', ['db-lock-wait', 'db-deadlock'], ['http-502', 'pool-exhausted'], { subject: 'lockWait' }),
];
