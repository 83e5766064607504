/**
 * How much of an Analysis the HTML report shows. The size budget is kept by
 * rendering at the first level and stepping down until the page fits; every
 * cut is announced in the page as an "N more" note, never silent.
 */
export interface Caps {
  findings: number;
  evidence: number;
  excerpt: number;
  events: number;
  message: number;
  buckets: number;
  charts: number;
  tcpRows: number;
  snapshots: number;
  diagnostics: number;
  inventory: number;
  logs: number;
  markers: number;
}

export const CAP_LEVELS: readonly Caps[] = [
  // The first level keeps the DOM small enough for a browser to stay responsive (≤ 2000 timeline rows).
  {
    findings: 400,
    evidence: 8,
    excerpt: 2000,
    events: 2000,
    message: 600,
    buckets: 480,
    charts: 60,
    tcpRows: 60,
    snapshots: 24,
    diagnostics: 200,
    inventory: 1500,
    logs: 300,
    markers: 400,
  },
  {
    findings: 250,
    evidence: 5,
    excerpt: 800,
    events: 1000,
    message: 400,
    buckets: 300,
    charts: 40,
    tcpRows: 40,
    snapshots: 16,
    diagnostics: 100,
    inventory: 800,
    logs: 150,
    markers: 200,
  },
  {
    findings: 150,
    evidence: 3,
    excerpt: 400,
    events: 500,
    message: 240,
    buckets: 200,
    charts: 30,
    tcpRows: 25,
    snapshots: 12,
    diagnostics: 50,
    inventory: 400,
    logs: 80,
    markers: 100,
  },
  {
    findings: 80,
    evidence: 2,
    excerpt: 240,
    events: 200,
    message: 160,
    buckets: 120,
    charts: 20,
    tcpRows: 15,
    snapshots: 8,
    diagnostics: 25,
    inventory: 150,
    logs: 40,
    markers: 50,
  },
  {
    findings: 40,
    evidence: 1,
    excerpt: 160,
    events: 60,
    message: 120,
    buckets: 60,
    charts: 10,
    tcpRows: 8,
    snapshots: 4,
    diagnostics: 10,
    inventory: 50,
    logs: 20,
    markers: 20,
  },
  {
    findings: 15,
    evidence: 1,
    excerpt: 80,
    events: 15,
    message: 80,
    buckets: 30,
    charts: 4,
    tcpRows: 4,
    snapshots: 2,
    diagnostics: 4,
    inventory: 10,
    logs: 8,
    markers: 8,
  },
];

/** "N more" text for a note, or null when nothing was cut. */
export function more(n: number, what: string, why = 'report size budget'): string | null {
  return n > 0 ? `${n} more ${what} not shown (${why})` : null;
}
