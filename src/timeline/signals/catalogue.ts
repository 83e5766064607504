/**
 * The signal catalogue in match order, and `classify`, which runs on every
 * event of a bundle. First match wins, so specific entries come before
 * generic ones and field-conditioned entries (http status) come first.
 */
import { pathFamily } from '../../parsers/families.js';
import type { LogEvent } from '../../parsers/types.js';
import { APP } from './app.js';
import { DB } from './db.js';
import { KERNEL_CRASH_IO_NET } from './kernel-crash-io-net.js';
import { KERNEL_MEMORY_CPU } from './kernel-memory-cpu.js';
import type { SignalDef, SourceFamily } from './types.js';
import { LiteralHits } from './literal-hits.js';
import { WEB } from './web.js';

const byId = (defs: SignalDef[], ids: string[]): SignalDef[] => defs.filter((d) => ids.includes(d.id));
const FIELD_FIRST = [...WEB, ...DB].filter((d) => d.field);
const SELF_ANY = byId(APP, ['too-many-open-files', 'no-space-left', 'fork-failed']);

/** Every entry, in the order classify tries them. */
export const SIGNALS: readonly SignalDef[] = [
  ...FIELD_FIRST,
  // Resource exhaustion named in any log outranks what the line says about upstreams (nginx `socket() failed (24: ...)`).
  ...SELF_ANY,
  ...KERNEL_MEMORY_CPU,
  ...KERNEL_CRASH_IO_NET,
  ...WEB.filter((d) => !d.field),
  ...DB.filter((d) => !d.field),
  ...APP.filter((d) => !SELF_ANY.includes(d)),
];

export const SIGNAL_BY_ID: ReadonlyMap<string, SignalDef> = new Map(SIGNALS.map((d) => [d.id, d]));

export const FAMILIES: readonly SourceFamily[] = ['kernel', 'syslog', 'journal', 'web-access', 'web-error', 'db', 'app'];

/** Entries per family, precomputed so an access-log line never tries kernel patterns. */
const PER_FAMILY = new Map<SourceFamily, SignalDef[]>(FAMILIES.map((f) => [f, SIGNALS.filter((d) => d.sources.includes(f))]));

/** Per family, the entries decided without text (fields, levels): they run even when no literal is in the message. */
const NON_TEXT = new Map<SourceFamily, SignalDef[]>(FAMILIES.map((f) => [f, PER_FAMILY.get(f)!.filter((d) => !d.literals)]));

const familyCache = new Map<string, SourceFamily>();

/**
 * The family of an artifact path (`cmd/dmesg.txt`, `logs/var/log/nginx/access.log`) from the path alone,
 * as the log parsers declare it (parsers/families.ts). Events the loader read carry theirs (`family`),
 * which also knows the parser the lines chose; this is for an event without one.
 */
export function sourceFamily(source: string): SourceFamily {
  let fam = familyCache.get(source);
  if (fam !== undefined) return fam;
  fam = pathFamily(source);
  if (familyCache.size < 10_000) familyCache.set(source, fam);
  return fam;
}

function num(v: string | number | null | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function fieldHolds(c: NonNullable<SignalDef['field']>, v: number): boolean {
  if (c.oneOf && !c.oneOf.includes(v)) return false;
  if (c.min !== undefined && v < c.min) return false;
  if (c.max !== undefined && v > c.max) return false;
  return true;
}

/**
 * The regex match when `def` matches `ev` (true for entries without a regex), else null.
 * Without `detail` (classify: the id only) a regex without a threshold is only tested:
 * no match array and groups object for every notable line (every journal `Started`).
 */
function test(def: SignalDef, ev: LogEvent, detail: boolean): RegExpExecArray | true | null {
  if (def.field) {
    const v = num(ev.fields?.[def.field.field]);
    return v !== undefined && fieldHolds(def.field, v) ? true : null;
  }
  if (def.levels) return ev.level !== undefined && def.levels.includes(ev.level) ? true : null;
  if (def.programs && ev.program !== undefined && !def.programs.includes(ev.program)) return null;
  const msg = ev.message;
  if (def.literals) {
    let hit = false;
    for (const lit of def.literals) {
      if (msg.indexOf(lit) !== -1) {
        hit = true;
        break;
      }
    }
    if (!hit) return null;
  }
  if (!def.regex) return true;
  if (!detail && !def.threshold && !def.regex.global && !def.regex.sticky) return def.regex.test(msg) ? true : null;
  const m = def.regex.exec(msg);
  if (!m) return null;
  if (def.threshold) {
    const v = num(m.groups?.[def.threshold.group]);
    if (v === undefined || v < def.threshold.min) return null;
  }
  return m;
}

/**
 * What firstMatch needs for one family, looked up once per source: its entries in catalogue
 * order and, per message, which of them have a literal in it (one scan, literal-hits.ts):
 * most messages hold none and only the entries decided without text are tried.
 */
interface Plan {
  defs: SignalDef[];
  hits: LiteralHits;
  nonText: SignalDef[];
}
const PLANS = new Map<SourceFamily, Plan>(
  FAMILIES.map((f) => {
    const defs = PER_FAMILY.get(f)!;
    return [f, { defs, hits: new LiteralHits(defs.map((d) => d.literals)), nonText: NON_TEXT.get(f)! }];
  }),
);
/**
 * The plan of an event's family (stamped by the parser that read it, else from its source's path).
 * Events come in runs of one source, so the last answer is kept (a one-entry memo): a run
 * costs two comparisons, not a family lookup per event.
 */
const lastPlan = { source: null as string | null, family: undefined as SourceFamily | undefined, plan: PLANS.get('app')! };
function planFor(ev: LogEvent): Plan {
  if (ev.source !== lastPlan.source || ev.family !== lastPlan.family) {
    lastPlan.plan = PLANS.get(ev.family ?? sourceFamily(ev.source))!;
    lastPlan.source = ev.source;
    lastPlan.family = ev.family;
  }
  return lastPlan.plan;
}

/** The first entry of the catalogue `ev` matches, tested without detail (test()). */
function firstMatch(ev: LogEvent): SignalDef | undefined {
  const { defs, hits, nonText } = planFor(ev);
  if (hits.find(ev.message)) {
    // In catalogue order, skipping the text entries none of whose literals is in the message.
    const { mark, stamp } = hits;
    for (let i = 0; i < defs.length; i++) {
      const def = defs[i]!;
      if (def.literals !== undefined && mark[i] !== stamp) continue;
      if (test(def, ev, false)) return def;
    }
    return undefined;
  }
  // No literal in the message: only the field/level entries can match, in their catalogue order.
  // Consecutive entries on one field (HTTP 502, 504, 5xx on status) read it once.
  let field: string | null = null;
  let v: number | undefined;
  for (const def of nonText) {
    if (def.field) {
      if (def.field.field !== field) {
        field = def.field.field;
        v = num(ev.fields?.[field]);
      }
      if (v === undefined || !fieldHolds(def.field, v)) continue;
      return def;
    }
    if (test(def, ev, false)) return def;
  }
  return undefined;
}

/** The signal id of an event, or undefined. Cheap: per-family entries, literal indexOf before any regex. */
export function classify(ev: LogEvent): string | undefined {
  return firstMatch(ev)?.id;
}

export interface Classification {
  def: SignalDef;
  /** Named groups of the entry's regex (digits as numbers); empty for field/level entries. */
  fields: Record<string, string | number>;
}

/** classify plus extracted fields: for kept events only, since it allocates. */
export function classifyDetail(ev: LogEvent): Classification | undefined {
  const def = firstMatch(ev);
  if (!def) return undefined;
  // The entry's match, found again: a regex per kept event, so the hot path (classify) keeps no match.
  const m = test(def, ev, true);
  const fields: Record<string, string | number> = {};
  if (m !== null && m !== true && m.groups) {
    for (const [k, v] of Object.entries(m.groups)) {
      if (v === undefined) continue;
      fields[k] = /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    }
  }
  return { def, fields };
}
