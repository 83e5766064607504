/** The orders of the vocabulary, declared once: USE order of resources and signals, severity ranks. */
import type { Resource, Severity, Signal } from './types.js';

/** Resources in the order reports list them (the USE checklist's, hardware before software). */
export const RESOURCE_ORDER: readonly Resource[] = [
  'cpu',
  'memory',
  'storage-io',
  'storage-capacity',
  'network',
  'tcp',
  'file-descriptors',
  'tasks',
  'kernel',
  'application',
];
/** Gregg's order: errors first (cheapest to check, most telling), then utilization, then saturation. */
export const SIGNAL_ORDER: readonly Signal[] = ['errors', 'utilization', 'saturation'];
/** Worst first. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warning', 'info'];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 3, warning: 2, info: 1 };
