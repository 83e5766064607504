/** Kernel signals: memory (OOM, allocation failures), CPU and task stalls, crashes. */
import type { SignalDef, SourceFamily } from './types.js';

/** Kernel messages reach dmesg/kern.log, syslog and the journal alike. */
export const KERNELISH: SourceFamily[] = ['kernel', 'syslog', 'journal'];

const OOMA = 'OOMAnalyser';
const NPD = 'node-problem-detector/test/kernel_log_generator/problems';
const SYZ = 'syzkaller/pkg/report/testdata/linux/report';
const ABRT = 'abrt/tests/examples';

export const KERNEL_MEMORY_CPU: SignalDef[] = [
  {
    id: 'oom-kill-cgroup',
    title: 'Memory cgroup OOM kill',
    resource: 'memory',
    kind: 'errors',
    severity: 'critical',
    sources: KERNELISH,
    literals: ['Memory cgroup out of memory'],
    regex: /Memory cgroup out of memory: Kill(?:ed)? process (?<pid>\d+) \((?<process>[^)]*)\)/,
    blame: 'self',
    meaning: 'A process was killed because its cgroup (container, systemd unit) hit its memory limit; the host may still have free memory.',
    samples: [
      {
        line: 'Memory cgroup out of memory: Kill process 1012 (heapster) score 1035 or sacrifice child',
        origin: `${NPD}/oom_kill`,
        expectFields: { pid: 1012, process: 'heapster' },
      },
      {
        line: '[Di Aug 12 03:54:03 2025] Memory cgroup out of memory: Killed process 3902942 (php-fpm) total-vm:14740176kB, anon-rss:12625252kB, file-rss:0kB, shmem-rss:156088kB, UID:1000 pgtables:26388kB oom_score_adj:0',
        origin: `${OOMA}/example_proxmox_cgroup_oom.txt`,
        expectFields: { pid: 3902942, process: 'php-fpm' },
      },
    ],
  },
  {
    id: 'oom-kill',
    title: 'OOM killer killed a process',
    resource: 'memory',
    kind: 'errors',
    severity: 'critical',
    sources: KERNELISH,
    literals: ['Out of memory'],
    regex: /Out of memory(?: \([^)]*\))?: Kill(?:ed)? process (?<pid>\d+) \((?<process>[^)]*)\)/,
    blame: 'self',
    meaning: 'The kernel ran out of memory system-wide and killed a process; look at free/vmstat (swap, available) and the killed process.',
    samples: [
      {
        line: 'Out of memory: Kill process 6576 (mysqld) score 651 or sacrifice child',
        origin: `${OOMA}/example_rhel7.txt`,
        expectFields: { pid: 6576, process: 'mysqld' },
      },
      {
        line: 'Out of memory: Killed process 651 (unattended-upgr) total-vm:108020kB, anon-rss:8380kB, file-rss:12548kB, shmem-rss:0kB, UID:0 pgtables:104kB oom_score_adj:0',
        origin: `${OOMA}/example_ubuntu2110.txt`,
        expectFields: { pid: 651, process: 'unattended-upgr' },
      },
    ],
  },
  {
    id: 'oom-killer-invoked',
    title: 'OOM killer invoked',
    resource: 'memory',
    kind: 'saturation',
    severity: 'critical',
    sources: KERNELISH,
    literals: ['invoked oom-killer'],
    regex: /(?<process>\S+) invoked oom-killer: gfp_mask=(?<gfp>\w+)/,
    blame: 'self',
    meaning: 'First line of an OOM report: memory was exhausted at this instant (the kill follows a few lines later).',
    samples: [
      {
        line: 'doxygen invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0',
        origin: `${OOMA}/example_archlinux_6_1_1.txt`,
        expectFields: { process: 'doxygen' },
      },
      { line: 'sed invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0', origin: `${OOMA}/example_rhel7.txt` },
    ],
  },
  {
    id: 'page-allocation-failure',
    title: 'Kernel page allocation failure',
    resource: 'memory',
    kind: 'saturation',
    severity: 'warning',
    sources: KERNELISH,
    literals: ['page allocation failure'],
    regex: /(?<process>\S+): page allocation failure: order:(?<order>\d+)/,
    blame: 'self',
    meaning: 'The kernel could not find free (often contiguous, order > 0) pages: memory pressure or fragmentation.',
    samples: [
      {
        line: 'chrome: page allocation failure: order:5, mode:0x24040c0(GFP_KERNEL|__GFP_COMP)',
        origin: `${ABRT}/oops6.test`,
        expectFields: { process: 'chrome', order: 5 },
      },
    ],
  },
  {
    id: 'hung-task',
    title: 'Task blocked for more than N seconds',
    resource: 'tasks',
    kind: 'saturation',
    severity: 'critical',
    sources: KERNELISH,
    literals: ['for more than'],
    // `task ` is optional: a comm holding a newline splits the line (syzkaller report 1001).
    regex: /(?:task (?<process>.+?))?:(?<pid>\d+) (?:blocked(?: in I\/O wait)?|can't die) for more than (?<seconds>\d+) seconds/,
    blame: 'self',
    meaning: 'A task sat in uninterruptible sleep (usually waiting for I/O or a lock) past hung_task_timeout_secs; check storage latency (iostat await) first.',
    samples: [
      {
        line: 'INFO: task docker:20744 blocked for more than 120 seconds.',
        origin: `${NPD}/docker_hung`,
        expectFields: { process: 'docker', pid: 20744, seconds: 120 },
      },
      { line: 'INFO: task umount.aufs:21568 blocked for more than 120 seconds.', origin: `${NPD}/aufs_umount_hung` },
      {
        line: '[  584.319520][   T31] INFO: task udevd:5612 blocked in I/O wait for more than 143 seconds.',
        origin: `${SYZ}/1000`,
        expectFields: { process: 'udevd', pid: 5612, seconds: 143 },
      },
      { line: "[  440.207852][ T1045] INFO: task syz-executor.1:12632 can't die for more than 143 seconds. ", origin: `${SYZ}/482` },
    ],
  },
  {
    id: 'soft-lockup',
    title: 'CPU soft lockup',
    resource: 'cpu',
    kind: 'saturation',
    severity: 'critical',
    sources: KERNELISH,
    literals: ['soft lockup'],
    regex: /soft lockup - CPU#(?<cpu>\d+) stuck for (?<seconds>\d+)s/,
    blame: 'self',
    meaning: 'A CPU ran kernel code without scheduling for longer than the watchdog threshold: a kernel bug, or a hypervisor starving the guest (check steal).',
    samples: [
      {
        line: '[  281.646907] watchdog: BUG: soft lockup - CPU#1 stuck for 134s! [syz-executor4:4588]',
        origin: `${SYZ}/264`,
        expectFields: { cpu: 1, seconds: 134 },
      },
      { line: 'BUG: soft lockup - CPU#1 stuck for 22s! [X:5189]', origin: `${ABRT}/oops1-module-nouveau.test` },
    ],
  },
  {
    id: 'rcu-stall',
    title: 'RCU stall',
    resource: 'cpu',
    kind: 'saturation',
    severity: 'critical',
    sources: KERNELISH,
    literals: ['detected stall', 'detected expedited stall'],
    regex: /rcu\w*(?: detected(?: expedited)? stalls?| self-detected stall)/,
    blame: 'self',
    meaning: 'A CPU did not pass through an RCU quiescent state in time: a CPU stuck in the kernel, interrupts off, or a starved vCPU.',
    samples: [
      { line: '[  323.830017] INFO: rcu_sched detected stalls on CPUs/tasks:', origin: `${SYZ}/145` },
      { line: '[ 1992.224966][   T28] INFO: rcu_tasks detected stalls on tasks:', origin: `${SYZ}/1002` },
    ],
  },
  {
    id: 'workqueue-lockup',
    title: 'Workqueue lockup',
    resource: 'cpu',
    kind: 'saturation',
    severity: 'warning',
    sources: KERNELISH,
    literals: ['workqueue lockup'],
    regex: /BUG: workqueue lockup - pool .* stuck for (?<seconds>\d+)s/,
    blame: 'self',
    meaning: 'Kernel work items on a CPU pool made no progress for the stated time.',
    samples: [
      { line: '[   72.159680] BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 32s!', origin: `${SYZ}/94`, expectFields: { seconds: 32 } },
    ],
  },
  {
    id: 'mce',
    title: 'Machine check (hardware error)',
    resource: 'cpu',
    kind: 'errors',
    severity: 'critical',
    sources: KERNELISH,
    literals: ['Machine Check Exception', '[Hardware Error]', 'Machine check events logged'],
    regex: /Machine Check Exception|\[Hardware Error\]|Machine check events logged/,
    blame: 'self',
    meaning: 'The CPU or memory reported a hardware error (MCE); run mcelog/rasdaemon and check the hardware.',
    samples: [
      { line: 'CPU 0: Machine Check Exception: 0000000000000007', origin: `${ABRT}/mce1.test` },
      { line: '[  209.024295] mce: [Hardware Error]: Machine check events logged', origin: `${ABRT}/mce2.test` },
    ],
  },
  {
    id: 'kernel-panic',
    title: 'Kernel panic',
    resource: 'kernel',
    kind: 'errors',
    severity: 'critical',
    sources: KERNELISH,
    literals: ['Kernel panic'],
    regex: /Kernel panic - not syncing: (?<reason>[^\n]*)/,
    blame: 'self',
    meaning: 'The kernel stopped; everything on this host after this line is a reboot.',
    samples: [
      { line: '[890563.635409] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled', origin: `${ABRT}/kernel_panic_oom.test` },
      {
        line: '[  246.756084] Kernel panic - not syncing: hung_task: blocked tasks',
        origin: `${SYZ}/221`,
        expectFields: { reason: 'hung_task: blocked tasks' },
      },
    ],
  },
];
