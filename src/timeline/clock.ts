/**
 * Clock skew between hosts, from what each capture recorded about its own
 * clock (start_epoch, ntp_synced). There is no event common to two bundles,
 * so no offset can be measured; docs/timeline.md says what this can and
 * cannot tell. Onsets closer than the two hosts' uncertainties are unordered.
 */
import type { HostData } from '../parsers/host-data.js';
import type { ClockEstimate, Onset } from './types.js';

/** Uncertainty when the host says its clock is NTP-synchronised (ours: NTP on a LAN keeps ms; over the internet tens of ms). */
export const NTP_SYNCED_MS = 100;
/** When synchronisation is unknown (ours). */
export const NTP_UNKNOWN_MS = 5_000;
/** When the host says it is not synchronised (ours: a floor, not a bound; an unsynced clock can be off by anything). */
export const NTP_NO_MS = 30_000;
/** Starts this close to the reference's are taken as one incident's captures launched together (ours). */
export const TOGETHER_MS = 10 * 60_000;

function startOf(h: HostData): number | null {
  if (h.clock.captureStartMs !== undefined) return h.clock.captureStartMs;
  const s = Number(h.meta['start_epoch']);
  if (h.meta['start_epoch'] !== undefined && Number.isFinite(s)) return Math.round(s * 1000);
  return h.windowStartMs;
}

function ntpOf(h: HostData): 'yes' | 'no' | 'unknown' {
  const v = (h.meta['ntp_synced'] ?? '').trim().toLowerCase();
  return v === 'yes' || v === 'no' ? v : 'unknown';
}

const baseMs = { yes: NTP_SYNCED_MS, unknown: NTP_UNKNOWN_MS, no: NTP_NO_MS } as const;

const fmt = (ms: number): string => (Math.abs(ms) >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/**
 * One estimate per host, in input order. The reference is the first host
 * whose clock is NTP-synchronised (else the first host). A synchronised host
 * is trusted: offset 0. A host that is not (or may not be) synchronised and
 * whose capture started within TOGETHER_MS of the reference's is assumed to
 * have been launched with it: its start difference is reported as the offset
 * and its uncertainty is at least that difference, so the interval covers
 * both "launched apart, clock right" and "launched together, clock off".
 * Times are never shifted by these offsets.
 */
export function estimateClocks(hosts: HostData[]): ClockEstimate[] {
  if (hosts.length === 0) return [];
  const ref = hosts.find((h) => ntpOf(h) === 'yes') ?? hosts[0]!;
  const refStart = startOf(ref);
  return hosts.map((h): ClockEstimate => {
    const ntp = ntpOf(h);
    const notes: string[] = [`ntp_synced=${ntp}`];
    let uncertaintyMs: number = baseMs[ntp];
    let offsetMs = 0;
    if (h === ref) {
      notes.push('reference clock');
      if (ntp !== 'yes') notes.push('no host reports an NTP-synchronised clock: cross-host order is uncertain');
      return { host: h.id, offsetMs, uncertaintyMs, notes };
    }
    const start = startOf(h);
    if (start === null || refStart === null) {
      notes.push('capture start unknown: offset not estimated');
      return { host: h.id, offsetMs, uncertaintyMs, notes };
    }
    const delta = start - refStart;
    notes.push(`capture started ${fmt(delta)} after ${ref.id}'s`);
    if (ntp === 'yes') {
      notes.push('NTP-synchronised: clock trusted, start difference taken as launch timing');
    } else if (Math.abs(delta) <= TOGETHER_MS) {
      offsetMs = delta;
      uncertaintyMs = Math.max(uncertaintyMs, Math.abs(delta));
      notes.push(`clock not known to be synchronised: if the captures were launched together the clock is off by about ${fmt(delta)}`);
    } else {
      notes.push(`captures started more than ${fmt(TOGETHER_MS)} apart: not launched together, offset unknown`);
    }
    return { host: h.id, offsetMs, uncertaintyMs, notes };
  });
}

/**
 * Order of two onsets: -1 when a is before b, 1 after, 0 when they cannot be
 * ordered. On one host the same clock applies, so times compare directly;
 * across hosts, a gap within the sum of the uncertainties is no order. A rate
 * onset is known only to its grid bucket, which widens the gap either way.
 */
export function ordered(a: Onset, b: Onset): -1 | 0 | 1 {
  const d = b.time - a.time;
  const clock = a.host !== b.host ? a.uncertaintyMs + b.uncertaintyMs : 0;
  const bucket = (a.rate?.bucketMs ?? 0) + (b.rate?.bucketMs ?? 0);
  if (Math.abs(d) <= clock + bucket) return 0;
  return d > 0 ? -1 : 1;
}
