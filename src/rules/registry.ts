/**
 * The one explicit list of rules. Adding a rule means adding it here, with a
 * section in docs/rules.md (test/rules/conformance.test.ts checks it) and
 * firing and non-firing cases in test/rules/.
 */
import type { Rule } from './types.js';
import { cpuErrors } from './cpu/cpu-errors.js';
import { kernelErrors } from './cpu/kernel-errors.js';
import { cpuUtilization } from './cpu/cpu-utilization.js';
import { cpuImbalance } from './cpu/cpu-imbalance.js';
import { cpuSteal } from './cpu/cpu-steal.js';
import { cpuSaturation } from './cpu/cpu-saturation.js';
import { cpuLoad } from './cpu/cpu-load.js';
import { cpuPressure } from './cpu/cpu-pressure.js';
import { memoryErrors } from './memory/memory-errors.js';
import { memoryUtilization } from './memory/memory-utilization.js';
import { memoryCacheCollapse } from './memory/memory-cache-collapse.js';
import { swapUtilization } from './memory/swap-utilization.js';
import { memorySwapping } from './memory/memory-swapping.js';
import { memoryPaging } from './memory/memory-paging.js';
import { memoryPressure } from './memory/memory-pressure.js';
import { diskErrors } from './storage/disk-errors.js';
import { diskUtilization } from './storage/disk-utilization.js';
import { diskSaturation } from './storage/disk-saturation.js';
import { ioPressure } from './storage/io-pressure.js';
import { fsEnospc } from './storage/fs-enospc.js';
import { fsCapacity } from './storage/fs-capacity.js';
import { netErrors } from './network/net-errors.js';
import { netThroughput } from './network/net-throughput.js';
import { netDrops } from './network/net-drops.js';
import { tcpRetransmits } from './network/tcp-retransmits.js';
import { conntrackFull } from './tcp/conntrack-full.js';
import { tcpTimeWait } from './tcp/tcp-time-wait.js';
import { tcpCloseWait } from './tcp/tcp-close-wait.js';
import { tcpListenOverflow } from './tcp/tcp-listen-overflow.js';
import { fdErrors } from './limits/fd-errors.js';
import { fdSystem } from './limits/fd-system.js';
import { fdProcess } from './limits/fd-process.js';
import { tasksErrors } from './limits/tasks-errors.js';
import { tasksLimit } from './limits/tasks-limit.js';
import { appErrors } from './app/app-errors.js';
import { dbLocks } from './app/db-locks.js';

export const RULES: readonly Rule[] = [
  cpuErrors,
  cpuUtilization,
  cpuImbalance,
  cpuSteal,
  cpuSaturation,
  cpuLoad,
  cpuPressure,
  memoryErrors,
  memoryUtilization,
  memoryCacheCollapse,
  swapUtilization,
  memorySwapping,
  memoryPaging,
  memoryPressure,
  diskErrors,
  diskUtilization,
  diskSaturation,
  ioPressure,
  fsEnospc,
  fsCapacity,
  netErrors,
  netThroughput,
  netDrops,
  tcpRetransmits,
  conntrackFull,
  tcpTimeWait,
  tcpCloseWait,
  tcpListenOverflow,
  fdErrors,
  fdSystem,
  fdProcess,
  tasksErrors,
  tasksLimit,
  kernelErrors,
  appErrors,
  dbLocks,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
