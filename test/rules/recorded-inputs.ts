/**
 * Every live input of the rule and model tests, each with the recording it
 * writes under test/recordings (recordings.ts). `how` is what the live input
 * runs (the code is in inputs.ts, inputs-limits.ts, inputs-net.ts); it is
 * copied into test/recordings/manifest.json with the date and the machine.
 */
import {
  cacheDrop,
  cgroupSwapping,
  closeWaitLeak,
  closeWaitUnaccepted,
  cpuStress,
  cpuStressLong,
  fdHog,
  fioRandwrite,
  fioSyncWrite,
  fullFs,
  idle,
  listenOverflow,
  pinnedCpu,
  pinnedCrowd,
} from './inputs.js';
import { fileHandles, memoryHeld, taskFill } from './inputs-limits.js';
import { tapNearSpeed, tapStalled, tcpCongestion, timeWaitStormVeth, tunnelErrors } from './inputs-net.js';
import { recorded } from './recordings.js';

const WINDOW = 'vmstat -t 1 N, mpstat -P ALL 1 N-1, iostat -xt 1 N and 11 /proc files every second (sampleWindow)';

export const IDLE = recorded('idle', `after 3 quiet reads (waitQuiet): ${WINDOW} with N=5, ss -tanp x3, then fd-counts, df, df -i, free -w`, idle);
export const CPU_STRESS = recorded('cpu-stress', `stress-ng --cpu 3xCPUs --timeout 12, after 1 s: ${WINDOW} with N=6`, cpuStress);
export const CPU_STRESS_LONG = recorded('cpu-stress-long', `stress-ng --cpu 4xCPUs --timeout 40, after 30 s: ${WINDOW} with N=5`, cpuStressLong);
export const PINNED_CPU = recorded('pinned-cpu', `after waitQuiet, stress-ng --cpu 1 --taskset 0 --timeout 10, after 0.5 s: ${WINDOW} with N=5`, pinnedCpu);
export const PINNED_CROWD = recorded(
  'pinned-crowd',
  `after waitQuiet, stress-ng --cpu CPUs --taskset 0 --timeout 10, after 1 s: ${WINDOW} with N=5`,
  pinnedCrowd,
);
export const FIO_RANDWRITE = recorded(
  'fio-randwrite',
  `fio --rw=randwrite --bs=256k --direct=1 --ioengine=libaio --iodepth=32 --size=1G on /tmp, after 2 s: ${WINDOW} with N=6`,
  fioRandwrite,
);
export const FIO_SYNC = recorded(
  'fio-syncwrite',
  `fio --rw=randwrite --bs=256k --direct=1 --ioengine=psync --numjobs=2 --size=512M on /tmp, after 6 s: ${WINDOW} with N=6`,
  fioSyncWrite,
);
export const SWAPPING = recorded(
  'cgroup-swapping',
  `160 MiB zram swap, 64 MiB memory cgroup (v1) running stress-ng --vm 1 --vm-bytes 200M --vm-keep, after 3 s: ${WINDOW} with N=6, then free -w`,
  cgroupSwapping,
);
export const CACHE_DROP = recorded(
  'cache-drop',
  '1 GiB file written and read (page cache full), /proc/meminfo x5 while echo 3 > /proc/sys/vm/drop_caches at 1.5 s',
  cacheDrop,
);
export const CLOSE_WAIT = recorded(
  'close-wait-leak',
  'node server that never closes client-closed sockets on 127.0.0.1:18931, a client opening/closing 200 connections: ss -tanp x4 every 1.5 s',
  closeWaitLeak,
);
export const CLOSE_WAIT_UNACCEPTED = recorded(
  'close-wait-unaccepted',
  'node server busy-looping 7 s after listen() on 127.0.0.1:18933 (never accepts meanwhile), a client opening/closing 60 connections: ss -tanp x4 every 1.5 s',
  closeWaitUnaccepted,
);
export const TIME_WAIT = recorded(
  'time-wait-storm',
  'namespaces a and b over veth, 20000 connect/close from a to a node server on 10.81.0.2:18932 (64 at a time), then sitrep-capture.sh -d 6 --no-discover in a',
  timeWaitStormVeth,
);
export const FULL_FS = recorded('full-fs', 'a 4 MiB, 64-inode tmpfs filled with dd (995 x 4k) and 60 empty files, then df -P and df -P -i on it', fullFs);
export const FD_HOG = recorded('fd-hog', "prlimit --nofile=64:64 node holding 40 files open, then fd-counts (the capture's loop over /proc/*/fd)", fdHog);
export const LISTEN_OVERFLOW = recorded(
  'listen-overflow',
  'python3 socket with listen(1) and no accept() on 127.0.0.1:18933, 64 node clients connecting: /proc/net/netstat x4',
  listenOverflow,
);
export const FILE_HANDLES = recorded(
  'file-handles',
  'forked python3 processes holding /dev/null open up to 85% of fs.file-max: /proc/sys/fs/file-nr x5',
  fileHandles,
);
export const TASK_FILL = recorded(
  'task-fill',
  'one python3 process with pthread threads (blocked in pause()) up to 85% of min(threads-max, pid_max): sysctl kernel.threads-max kernel.pid_max, /proc/loadavg x5',
  taskFill,
);
export const MEMORY_HELD = recorded(
  'memory-held',
  'python3 mapping and writing anonymous memory until MemAvailable is 7% of MemTotal: /proc/meminfo x5',
  memoryHeld,
);
export const TCP_CONGESTION = recorded(
  'tcp-congestion',
  'namespaces a-r-b over veth, tbf 20mbit burst 16kb limit 16kb on the router, one TCP stream: sitrep-capture.sh -d 6 --no-discover in a, once retransmits >= 5%',
  tcpCongestion,
);
export const TUNNEL_ERRORS = recorded(
  'tunnel-errors',
  'namespace with vxlan vx0 to an unrouted remote (192.0.2.3), 50 UDP datagrams/s through it: sitrep-capture.sh -d 6 --no-discover in it',
  tunnelErrors,
);
export const TAP_STALLED = recorded(
  'tap-stalled',
  'namespace with tap0 held by python3 that never reads, 1000 UDP datagrams/s to it: sitrep-capture.sh -d 6 --no-discover in it',
  tapStalled,
);
export const TAP_NEAR_SPEED = recorded(
  'tap-near-speed',
  'namespace with tap0 drained by python3, ethtool -s tap0 speed 10, 900 UDP datagrams/s of 1200 bytes: sitrep-capture.sh -d 6 --no-discover in it',
  tapNearSpeed,
);
