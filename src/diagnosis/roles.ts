/**
 * What a finding means for cause vs victim. Resource findings (a saturated
 * CPU or disk, an OOM kill, a lock wait) are cause candidates; application
 * errors that say "what I call failed me" (502/504, upstream timed out, pool
 * exhausted) are pointers to the tier behind.
 */
import type { Finding, Resource } from './types.js';

export const TIER_ORDER: readonly string[] = ['web', 'app', 'db'];

/** Position of a tier in web → app → db; null when the tier is not one of those. */
export function tierRank(tier: string): number | null {
  const i = TIER_ORDER.indexOf(tier.toLowerCase());
  return i < 0 ? null : i;
}

/** Subjects of app-errors findings that point downstream, and to which tier. */
const POINTERS: Record<string, 'next' | 'db'> = {
  http5xx: 'next',
  upstreamTimeout: 'next',
  poolExhausted: 'db',
  dbTimeout: 'db',
  dbConnRefused: 'next',
  tooManyConnections: 'db',
};

export type Role = { kind: 'cause' } | { kind: 'pointer'; toward: 'next' | 'db' } | { kind: 'support' };

export function roleOf(f: Finding): Role {
  if (f.severity === 'info') return { kind: 'support' };
  if (f.rule === 'app-errors') {
    const toward = POINTERS[f.subject ?? ''];
    // On the DB tier itself, a statement timeout is the database being slow, not a pointer.
    if (toward && !(f.tier === 'db' && toward === 'db')) return { kind: 'pointer', toward };
    return { kind: 'support' };
  }
  return { kind: 'cause' };
}

/**
 * How likely a resource is to be the root when several hold at once on one
 * host: failures and hardware saturation first, their consequences (sockets,
 * descriptors, application errors) last.
 */
const ROOTNESS: Record<Resource, number> = {
  memory: 9,
  'storage-io': 8,
  cpu: 8,
  kernel: 7,
  'storage-capacity': 7,
  application: 6,
  network: 5,
  tasks: 4,
  'file-descriptors': 3,
  tcp: 2,
};

export function rootness(f: Finding): number {
  // OOM kills, storage errors and DB lock waits are causes in their own right.
  const bonus = f.signal === 'errors' && f.resource !== 'application' ? 1 : 0;
  const locks = f.rule === 'db-locks' ? 3 : 0;
  return ROOTNESS[f.resource] + bonus + locks;
}

/** Peak over threshold, ≥ 1; how far past its threshold a finding went. */
export function strength(f: Finding): number {
  const p = f.peak;
  if (!p || p.threshold === 0) return p && p.value > 0 ? 2 : 1;
  // Lower-is-worse metrics (memory available) have value < threshold.
  const r = p.value >= p.threshold ? p.value / p.threshold : p.threshold / Math.max(p.value, 0.01);
  return Math.max(1, r);
}

export { SEVERITY_RANK } from '../vocabulary/orders.js';
