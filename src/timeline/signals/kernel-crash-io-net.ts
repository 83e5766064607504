/** Kernel signals: oopses and warnings, storage and file-system errors, TCP and netfilter. */
import { KERNELISH } from './kernel-memory-cpu.js';
import type { SignalDef } from './types.js';

const SYZ = 'syzkaller/pkg/report/testdata/linux/report';
const ABRT = 'abrt/tests/examples';
const NPD = 'node-problem-detector/test/kernel_log_generator/problems';
const GH = 'https://github.com';

export const KERNEL_CRASH_IO_NET: SignalDef[] = [
  {
    id: 'kernel-oops', title: 'Kernel oops / fatal kernel fault', resource: 'kernel', kind: 'errors', severity: 'critical',
    sources: KERNELISH,
    literals: ['Oops', 'nable to handle kernel', 'general protection fault', 'kernel BUG at', 'divide error:', 'divide_error:', 'double fault', 'NULL pointer dereference'],
    // `Oops: ... [#n]` only: abrt's oops5.test has `Oops: efitime: can't read time!`, which is not one.
    regex: /Oops(?::[^\n]*)?\[#\d+\]|[Uu]nable to handle kernel|general protection fault|kernel BUG at|divide[ _]error: \d+|PANIC: double fault|BUG: kernel NULL pointer dereference/,
    blame: 'self',
    meaning: 'The kernel hit a fatal fault in kernel code; the faulting task died and the kernel may be unstable from here on.',
    samples: [
      { line: 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000078', origin: `${NPD}/null_pointer` },
      { line: 'Oops: 0000 [#1] SMP ', origin: `${NPD}/null_pointer` },
      { line: 'divide error: 0000 [#1] SMP ', origin: `${NPD}/divide_zero` },
      { line: '[   63.550339][    C1] divide_error: 0000 [#1] PREEMPT SMP KASAN', origin: `${SYZ}/522` },
      { line: '[    3.841330] kernel BUG at drivers/scsi/scsi_lib.c:660!', origin: `${ABRT}/oops10_s390x.test` },
      { line: '[ 1021.364461] general protection fault: 0000 [#1] SMP DEBUG_PAGEALLOC KASAN', origin: `${SYZ}/12` },
      { line: '[ 4031.436692] PANIC: double fault, error_code: 0x0', origin: `${SYZ}/313` },
      { line: 'Unable to handle kernel paging request for data at address 0x000012e0', origin: `${ABRT}/oops9_ppc64.right` },
    ],
  },
  {
    id: 'kernel-bug', title: 'Kernel BUG report', resource: 'kernel', kind: 'errors', severity: 'warning',
    sources: KERNELISH, literals: ['BUG: '],
    // Word start so `EDAC DEBUG: ...` (abrt's mce2.test) is not a BUG.
    regex: /(?<![A-Za-z])BUG: (?<what>[^\n]{1,120})/,
    blame: 'self',
    meaning: 'The kernel detected an inconsistency (bad page state, sleeping in atomic context...); usually a driver or kernel bug.',
    samples: [
      { line: '[   40.438790] BUG: Bad page map in process syz-executor6  pte:ffff8801a700ff00 pmd:1a700f067', origin: `${SYZ}/85` },
    ],
  },
  {
    id: 'kernel-warning', title: 'Kernel WARNING / lockdep report', resource: 'kernel', kind: 'errors', severity: 'warning',
    sources: KERNELISH, literals: ['WARNING: ', 'INFO: possible'],
    regex: /WARNING: (?:CPU: \d+ PID: \d+ at |at )(?<where>\S+)|WARNING: kernel stack (?:regs|frame pointer) at|INFO: possible (?:recursive locking|circular locking dependency|irq lock inversion)/,
    blame: 'self',
    meaning: 'A kernel WARN_ON fired or lockdep found a locking problem: not fatal by itself, but a sign of a kernel or driver fault.',
    samples: [
      { line: '[  251.257471] WARNING: CPU: 0 PID: 5944 at ./include/net/sock.h:1508 strp_data_ready+0x2b7/0x390', origin: `${SYZ}/140`, expectFields: { where: './include/net/sock.h:1508' } },
      { line: 'WARNING: at arch/x86/mm/ioremap.c:104 __ioremap_caller+0xa7/0x290()', origin: `${ABRT}/oops5.test` },
      { line: '[ INFO: possible recursive locking detected ]', origin: `${ABRT}/oops2.test` },
      { line: "[  163.314570] WARNING: kernel stack regs at ffff8801d100fea8 in syz-executor1:16059 has bad 'bp' value ffff8801d100ff28", origin: `${SYZ}/80` },
    ],
  },
  {
    id: 'segfault', title: 'User process crashed (segfault / trap)', resource: 'application', kind: 'errors', severity: 'warning',
    sources: KERNELISH, literals: ['segfault at', 'traps: '],
    regex: /(?<process>[^\s[\]]+)\[(?<pid>\d+)\]:? (?:segfault at|trap )/,
    blame: 'self',
    meaning: 'A user-space process died on a bad memory access or invalid instruction; a restart by its supervisor usually follows.',
    samples: [
      { line: '[1423254.751712] sniproxy[7827]: segfault at 1000 ip 00007fbbeed70cba sp 00007fff7179ecc0 error 4 in libc-2.13.so[7fbbeed2b000+182000]', origin: `${GH}/dlundquist/sniproxy/issues/86`, expectFields: { process: 'sniproxy', pid: 7827 } },
      { line: 'traps: chrome[2979] trap invalid opcode ip:55911b28dba3 sp:7ffea558a3e0 error:0', origin: `${ABRT}/oops6.test` },
    ],
  },
  {
    id: 'disk-io-error', title: 'Block device I/O error', resource: 'storage-io', kind: 'errors', severity: 'critical',
    sources: KERNELISH, literals: ['I/O error'],
    regex: /I\/O error,? dev (?<device>[\w-]+)|Buffer I\/O error on dev(?:ice)? (?<bdev>[\w-]+)/,
    blame: 'self',
    meaning: 'A read or write to a block device failed; expect file-system errors and hung tasks next. Check dmesg, smartctl and the device path.',
    samples: [
      { line: '[    3.462611] blk_update_request: I/O error, dev mmcblk2, sector 0 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0', origin: `${GH}/khadas/u-boot/issues/44`, expectFields: { device: 'mmcblk2' } },
      { line: 'Jun 14 08:04:35 k8snode230 kernel: print_req_error: I/O error, dev sdc, sector 1098288304 flags 0', source: 'logs/var/log/messages', origin: `${GH}/Requiem4Eternity/Appstream/issues/107`, expectFields: { device: 'sdc' } },
      { line: '[ 5477.139173] Buffer I/O error on device mmcblk0p2, logical block 108547', origin: `${GH}/MichaIng/DietPi/issues/2353`, expectFields: { bdev: 'mmcblk0p2' } },
    ],
  },
  {
    id: 'fs-readonly', title: 'File system remounted read-only', resource: 'storage-io', kind: 'errors', severity: 'critical',
    sources: KERNELISH, literals: ['Remounting filesystem read-only'],
    regex: /(?:\((?<device>[^)]+)\): )?Remounting filesystem read-only/,
    blame: 'self',
    meaning: 'The kernel made a file system read-only after errors: every write on it now fails.',
    samples: [
      { line: 'EXT4-fs (sda1): Remounting filesystem read-only', origin: `${NPD}/readonly_filesystem`, expectFields: { device: 'sda1' } },
    ],
  },
  {
    id: 'fs-error', title: 'File-system error or shutdown', resource: 'storage-io', kind: 'errors', severity: 'critical',
    sources: KERNELISH, literals: ['EXT4-fs error', 'EXT3-fs error', 'EXT4-fs warning', 'XFS'],
    regex: /EXT\d-fs error \(device (?<device>[^)]+)\)|EXT\d-fs warning \(device (?<wdevice>[^)]+)\): .*I\/O error|XFS \((?<xdevice>[^)]+)\): (?:.*Shutting down filesystem|Corruption|Metadata corruption|Internal error)/,
    blame: 'self',
    meaning: 'The file system found corruption or failed I/O; it may shut down or go read-only. Run fsck/xfs_repair after checking the device.',
    samples: [
      { line: '[29821.550114] EXT4-fs error (device mmcblk0p2): ext4_evict_inode:292: comm rm: couldn\'t truncate inode 11376 (err -5)', origin: `${GH}/MichaIng/DietPi/issues/2353`, expectFields: { device: 'mmcblk0p2' } },
      { line: '[257265.559738] XFS (dm-11): Corruption of in-memory data detected.  Shutting down filesystem', origin: `${GH}/stratis-storage/stratisd/issues/812`, expectFields: { xdevice: 'dm-11' } },
      { line: 'Nov 22 17:46:19 sentinel.donadio.be kernel: EXT4-fs warning (device dm-1): ext4_end_bio:316: I/O error -5 writing to inode 10223621 (offset 33554432 size 8388608 starting block 14404724)', source: 'logs/var/log/syslog', origin: `${GH}/raspberrypi/linux/issues/703` },
    ],
  },
  {
    id: 'syn-flood', title: 'Possible SYN flooding (accept queue full)', resource: 'tcp', kind: 'saturation', severity: 'warning',
    sources: KERNELISH, literals: ['Possible SYN flooding'],
    regex: /Possible SYN flooding on port (?:\S*:)?(?<port>\d+)\./,
    blame: 'self',
    meaning: 'The listen queue of a port overflowed and the kernel fell back to SYN cookies: the server accepts too slowly (or is attacked).',
    samples: [
      { line: '[375852.589465] TCP: request_sock_TCP: Possible SYN flooding on port 8080. Sending cookies.  Check SNMP counters.', origin: `${GH}/cuberite/cuberite/issues/4596`, expectFields: { port: 8080 } },
      { line: '"TCP: request_sock_TCPv6: Possible SYN flooding on port 830. Sending cookies. Check SNMP counters"', origin: `${GH}/CESNET/netopeer2/issues/1467`, expectFields: { port: 830 } },
    ],
  },
  {
    id: 'tcp-out-of-memory', title: 'TCP out of memory / orphan sockets', resource: 'tcp', kind: 'saturation', severity: 'critical',
    sources: KERNELISH, literals: ['TCP: out of memory', 'Out of socket memory', 'too many orphaned sockets'],
    regex: /TCP: out of memory|Out of socket memory|too many orphaned sockets/,
    blame: 'self',
    meaning: 'TCP buffers hit net.ipv4.tcp_mem (or orphans hit tcp_max_orphans): connections are dropped or stall.',
    samples: [
      { line: '[  179.636034] TCP: out of memory -- consider tuning tcp_mem', origin: `${GH}/tempesta-tech/tempesta/issues/1763` },
    ],
  },
  {
    id: 'conntrack-full', title: 'Conntrack table full', resource: 'network', kind: 'saturation', severity: 'critical',
    sources: KERNELISH, literals: ['table full, dropping packet'],
    regex: /(?:nf_|ip_)conntrack: table full, dropping packet/,
    blame: 'self',
    meaning: 'The connection-tracking table is full: new connections are silently dropped (raise nf_conntrack_max or shorten timeouts).',
    samples: [
      { line: 'kernel: [1694413.644132] nf_conntrack: nf_conntrack: table full, dropping packet', source: 'logs/var/log/kern.log', origin: `${GH}/canonical/hotsos/issues/101` },
    ],
  },
  {
    id: 'netdev-unregister-wait', title: 'unregister_netdevice waiting', resource: 'network', kind: 'saturation', severity: 'warning',
    sources: KERNELISH, literals: ['unregister_netdevice: waiting for'],
    regex: /unregister_netdevice: waiting for (?<device>\S+) to become free/,
    blame: 'self',
    meaning: 'A network device cannot be removed because references leak; container teardown hangs.',
    samples: [
      { line: 'unregister_netdevice: waiting for lo to become free. Usage count = 1', origin: `${NPD}/unregister_netdevice`, expectFields: { device: 'lo' } },
    ],
  },
];
