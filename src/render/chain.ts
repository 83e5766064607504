/**
 * The tier chain as a small picture: one box per host in calling order
 * (web → app → db), the cause's box highlighted, each victim on its tier, and
 * an arrow from each victim to what it depends on, labelled with the link's
 * kind. Geometry only; templates/partials/chain.hbs draws it as inline SVG.
 */
import type { Analysis } from '../diagnosis/types.js';
import type { Story } from './roles.js';
import { oneLine } from './text.js';

export interface ChainNode {
  x: number;
  y: number;
  w: number;
  h: number;
  cls: string;
  tier: string;
  name: string;
  role: string;
  title: string;
  tx: number;
}
export interface ChainEdge {
  d: string;
  head: string;
  label: string;
  lx: number;
  ly: number;
  anchor: 'start' | 'middle';
}
export interface ChainView {
  w: number;
  h: number;
  nodes: ChainNode[];
  edges: ChainEdge[];
  label: string;
}

const BOX_W = 190;
const BOX_H = 64;
const GAP = 74;
const TOP = 8;
/** Calling order of common tier names: front ends first, stores last. */
const TIER_RANK: [RegExp, number][] = [
  [/^(lb|edge|cdn|proxy|web|www|front)/i, 0],
  [/^(app|api|back|svc|service|worker)/i, 1],
  [/^(db|data|sql|pg|postgres|mysql|cache|redis|store|storage)/i, 2],
];

function tierRank(t: string): number {
  return TIER_RANK.find(([re]) => re.test(t))?.[1] ?? 3;
}

function order(a: Analysis, edges: [string, string][]): string[] {
  const ids = a.hosts.map((h) => h.id);
  const tier = new Map(a.hosts.map((h) => [h.id, h.tier]));
  ids.sort((x, y) => tierRank(tier.get(x) ?? '') - tierRank(tier.get(y) ?? ''));
  // A host that calls another stands left of it; a few passes settle any chain the tier names got wrong.
  for (let pass = 0; pass < ids.length; pass++) {
    let moved = false;
    for (const [from, to] of edges) {
      const i = ids.indexOf(from);
      const j = ids.indexOf(to);
      if (i > j && i >= 0 && j >= 0) {
        ids.splice(i, 1);
        ids.splice(j, 0, from);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return ids;
}

function short(s: string, n: number): string {
  const cps = Array.from(s);
  return cps.length <= n ? s : `${cps.slice(0, n - 1).join('')}…`;
}

interface Geo {
  vertical: boolean;
}

/** An arrow from box i to box j: straight between neighbours, around the boxes otherwise. */
function edge(g: Geo, i: number, j: number, k: number, kind: string): ChainEdge {
  const far = Math.abs(j - i) > 1;
  const dir = j > i ? 1 : -1;
  const label = short(oneLine(kind), 14);
  if (!g.vertical) {
    const y = TOP + BOX_H / 2;
    const x1 = i * (BOX_W + GAP) + 1 + (dir > 0 ? BOX_W : 0);
    const x2 = j * (BOX_W + GAP) + 1 + (dir > 0 ? 0 : BOX_W);
    if (!far)
      return {
        d: `M${x1 + dir * 2} ${y}H${x2 - dir * 10}`,
        head: `${x2 - dir * 10},${y - 5} ${x2 - dir * 10},${y + 5} ${x2 - dir},${y}`,
        label,
        lx: (x1 + x2) / 2,
        ly: y - 8,
        anchor: 'middle',
      };
    const yb = TOP + BOX_H + 16 + k * 8;
    const xa = x1 - dir * 30;
    const xb = x2 + dir * 30;
    return {
      d: `M${xa} ${TOP + BOX_H}V${yb}H${xb}V${TOP + BOX_H + 10}`,
      head: `${xb - 5},${TOP + BOX_H + 10} ${xb + 5},${TOP + BOX_H + 10} ${xb},${TOP + BOX_H + 1}`,
      label,
      lx: (xa + xb) / 2,
      ly: yb - 4,
      anchor: 'middle',
    };
  }
  const x = 1 + BOX_W / 2;
  const y1 = TOP + i * (BOX_H + V_GAP) + (dir > 0 ? BOX_H : 0);
  const y2 = TOP + j * (BOX_H + V_GAP) + (dir > 0 ? 0 : BOX_H);
  if (!far)
    return {
      d: `M${x} ${y1 + dir * 2}V${y2 - dir * 10}`,
      head: `${x - 5},${y2 - dir * 10} ${x + 5},${y2 - dir * 10} ${x},${y2 - dir}`,
      label,
      lx: x + 10,
      ly: (y1 + y2) / 2 + 4,
      anchor: 'start',
    };
  const xr = BOX_W + 12 + k * 8;
  return {
    d: `M${BOX_W + 1} ${y1 - dir * 20}H${xr}V${y2 + dir * 20}H${BOX_W + 10}`,
    head: `${BOX_W + 10},${y2 + dir * 20 - 5} ${BOX_W + 10},${y2 + dir * 20 + 5} ${BOX_W + 2},${y2 + dir * 20}`,
    label: '',
    lx: xr,
    ly: 0,
    anchor: 'start',
  };
}

const V_GAP = 34;

export function chainView(a: Analysis, st: Story, name: (id: string) => string, titleOf: (id: string) => string, vertical = false): ChainView | null {
  const lead = st.problems[0];
  if (!lead || a.hosts.length === 0) return null;
  const links: [string, string, string][] = lead.victims.map((v) => [v.host, v.dependsOn.host, v.link]);
  const ids = order(
    a,
    links.map(([f, t]) => [f, t]),
  );
  const pos = new Map(ids.map((id, i) => [id, i]));
  const victimOf = new Map(lead.victims.map((v) => [v.host, v]));
  const nodes: ChainNode[] = ids.map((id, i) => {
    const h = a.hosts.find((x) => x.id === id);
    const isCause = id === lead.cause.host;
    const v = victimOf.get(id);
    const first = isCause ? lead.cause.findings[0] : v?.findings[0];
    const x = vertical ? 1 : i * (BOX_W + GAP) + 1;
    const y = vertical ? TOP + i * (BOX_H + V_GAP) : TOP;
    return {
      x,
      y,
      w: BOX_W,
      h: BOX_H,
      tx: x + 10,
      cls: isCause ? 'ch-cause' : v ? 'ch-victim' : 'ch-quiet',
      tier: short(oneLine(h?.tier ?? ''), 10),
      name: short(name(id), 16),
      role: isCause ? 'CAUSE' : v ? 'victim' : 'not involved',
      title: first ? short(titleOf(first), 28) : '',
    };
  });
  const edges: ChainEdge[] = [];
  links.forEach(([from, to, kind], k) => {
    const i = pos.get(from);
    const j = pos.get(to);
    if (i !== undefined && j !== undefined && i !== j) edges.push(edge({ vertical }, i, j, k, kind));
  });
  const far = links.filter(([f, t]) => Math.abs((pos.get(f) ?? 0) - (pos.get(t) ?? 0)) > 1).length;
  const n = ids.length;
  const w = vertical ? BOX_W + 14 + far * 8 + 2 : n * (BOX_W + GAP) - GAP + 2;
  const h = vertical ? TOP + n * (BOX_H + V_GAP) - V_GAP + 4 : TOP + BOX_H + (far > 0 ? 24 + far * 8 : 4);
  const label = nodes.map((x) => `${x.tier} ${x.name}: ${x.role}`).join(' → ');
  return { w, h, nodes, edges, label };
}

/** The chain as one line of text for Markdown and the terminal: `vm (web, victim) —pointer→ vm-2 (app, victim) —pointer→ vm-3 (db, CAUSE)`. */
export function chainText(a: Analysis, st: Story, name: (id: string) => string): string {
  const lead = st.problems[0];
  if (!lead) return '';
  const links: [string, string][] = lead.victims.map((v) => [v.host, v.dependsOn.host]);
  const involved = new Set([lead.cause.host, ...lead.victims.map((v) => v.host)]);
  const ids = order(a, links).filter((id) => involved.has(id));
  const linkOf = new Map(lead.victims.map((v) => [v.host, v]));
  return ids
    .map((id, i) => {
      const h = a.hosts.find((x) => x.id === id);
      const role = id === lead.cause.host ? 'CAUSE' : 'victim';
      const v = linkOf.get(id);
      const next = ids[i + 1];
      const arrow = next === undefined ? '' : v && v.dependsOn.host === next ? ` —${oneLine(v.link)}→ ` : ' → ';
      return `${name(id)} (${h ? `${oneLine(h.tier)}, ` : ''}${role})${arrow}`;
    })
    .join('');
}
