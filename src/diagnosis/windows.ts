/**
 * Bundles whose capture windows are far apart are not one incident: a web
 * capture and another taken 8 days later share no cause. Windows are chained
 * while each starts within `maxGapMs` of the group's end; each group is
 * diagnosed on its own (docs/diagnosis.md).
 */
import type { WindowGroup } from './types.js';
import { ago } from './wording.js';

export interface Windowed {
  id: string;
  start: number | null;
  end: number | null;
}

/** Groups in time order; hosts without a window join the largest group. */
export function windowGroups(hosts: Windowed[], maxGapMs: number): WindowGroup[] {
  const dated = hosts.filter((h) => h.start !== null).sort((a, b) => a.start! - b.start!);
  const groups: WindowGroup[] = [];
  for (const h of dated) {
    const g = groups.at(-1);
    const end = h.end ?? h.start!;
    if (g && g.end !== null && h.start! - g.end <= maxGapMs) {
      g.hosts.push(h.id);
      g.end = Math.max(g.end, end);
    } else {
      groups.push({ hosts: [h.id], start: h.start, end });
    }
  }
  const undated = hosts.filter((h) => h.start === null).map((h) => h.id);
  if (groups.length === 0) return [{ hosts: undated, start: null, end: null }];
  const main = mainGroup(groups).hosts;
  for (const h of undated) main.push(h); // not push(...undated): a spread has an argument limit
  return groups;
}

/** The group holding the most hosts; ties: the latest (the incident being handled now). */
export function mainGroup(groups: WindowGroup[]): WindowGroup {
  return groups.reduce((m, g) => (g.hosts.length > m.hosts.length || (g.hosts.length === m.hosts.length && (g.start ?? 0) >= (m.start ?? 0)) ? g : m));
}

/** Per host, why it was or was not chained with the others (empty when everything is one group). */
export function windowNotes(groups: WindowGroup[], maxGapMs: number): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  if (groups.length < 2) return notes;
  const main = mainGroup(groups);
  const limit = `more than ${ago(maxGapMs)} apart (--window-gap)`;
  for (const g of groups) {
    const after = g.start !== null && main.start !== null && g.start > main.start;
    const gap = g === main || main.start === null || g.start === null ? null : after ? g.start - (main.end ?? main.start) : main.start - (g.end ?? g.start);
    const text =
      g === main
        ? `Diagnosed with ${g.hosts.length} bundle(s) whose windows are close; ${groups.length - 1} other group(s) of bundles were captured ${limit} and are diagnosed on their own.`
        : `Captured ${gap !== null ? `${ago(gap)} ${after ? 'after' : 'before'}` : 'far from'} the main group's window (${limit}): diagnosed on its own, not chained into one incident.`;
    for (const h of g.hosts) notes.set(h, [text]);
  }
  return notes;
}
