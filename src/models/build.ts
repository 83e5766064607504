/** Every resource model of one host, plus which source fed each (for the use matrix's no-data). */
import type { HostData } from '../parsers/host-data.js';
import type { HostModels } from './types.js';
import { buildCpuModel } from './cpu.js';
import { buildMemoryModel } from './memory.js';
import { buildStorageModel } from './storage.js';
import { buildNetworkModel } from './network.js';
import { buildTcpModel } from './tcp.js';
import { buildFdModel, buildTasksModel } from './limits.js';
import { attachHistory } from './history.js';
import { buildProcessesModel } from './processes.js';

export function buildModels(host: HostData): HostModels {
  const cpu = buildCpuModel(host);
  const memory = buildMemoryModel(host);
  const storage = buildStorageModel(host);
  const network = buildNetworkModel(host);
  const tcp = buildTcpModel(host);
  const fds = buildFdModel(host);
  const tasks = buildTasksModel(host);
  const processes = buildProcessesModel(host);
  const src = (...s: ({ source: string } | undefined)[]): string | null => s.find((x) => x !== undefined)?.source ?? null;
  const models: HostModels = {
    host: host.id,
    cpu,
    memory,
    storage,
    network,
    tcp,
    fds,
    tasks,
    processes,
    sources: {
      'cpu.utilization': src(cpu.util),
      'cpu.saturation': src(cpu.runq, cpu.load1, cpu.psi.some),
      'memory.utilization': src(memory.availableKb),
      'memory.saturation': src(memory.swapIn, memory.pageScan, memory.majorFaults, memory.psi.some),
      'storage-io.utilization': storage.devices.find((d) => d.util)?.source ?? null,
      'storage-io.saturation': storage.devices.find((d) => d.aqu)?.source ?? src(storage.psi.some),
      'storage-capacity.utilization': storage.filesystems.length > 0 ? 'df' : null,
      'network.utilization': network.find((n) => n.rxBytesPerS)?.source ?? null,
      'network.saturation': network.find((n) => n.drops)?.source ?? null,
      'network.errors': network.find((n) => n.errors)?.source ?? null,
      'tcp.utilization': tcp.snapshots.length > 0 ? tcp.snapshots[0]!.artifact : null,
      'tcp.saturation': tcp.retransPct || tcp.listenOverflows ? 'counters' : null,
      'file-descriptors.utilization': fds.allocated?.source ?? (fds.processes.length > 0 ? 'fd-counts' : null),
      'tasks.utilization': src(tasks.threads),
    },
  };
  // After the sources are named: history extends a window source, it is never one.
  attachHistory(models, host);
  return models;
}
