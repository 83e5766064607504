/**
 * The shape of one catalogue entry. The catalogue is data (like lnav formats
 * or ESLint rule metas): each entry says what it matches, what it means in
 * USE terms, and carries the real lines that are its own tests.
 */
import type { Level, SourceFamily } from '../../parsers/types.js';

/** Same strings as diagnosis' Resource; redeclared because timeline may not import from diagnosis. */
export type SignalResource = 'cpu' | 'memory' | 'storage-io' | 'storage-capacity' | 'network' | 'tcp' | 'file-descriptors' | 'tasks' | 'kernel' | 'application';
export type SignalKind = 'errors' | 'utilization' | 'saturation';
export type SignalSeverity = 'critical' | 'warning' | 'info';

/** Which kind of log an event came from: declared by the log parsers (parsers/families.ts). */
export type { SourceFamily };

/**
 * Which way a signal points when deciding cause vs victim:
 * `self`: this host's own resource failed or saturated (a cause candidate);
 * `downstream`: this tier is waiting on or refused by what it calls (a victim pointing downstream).
 */
export type Blame = 'self' | 'downstream';

/** A field condition: the event's `fields[field]` as a number must satisfy it. */
export interface FieldCondition {
  field: string;
  min?: number;
  max?: number;
  oneOf?: number[];
}

export interface SignalSample {
  /** The real line, verbatim (message text; prefixes like `[ 12.3]` may remain). */
  line: string;
  /** Artifact path the line would come from; defaults to a path of the entry's first source family. */
  source?: string;
  /** Parsed fields the line's parser gives (only for field-conditioned entries). */
  fields?: Record<string, string | number | null>;
  level?: Level;
  program?: string;
  /** Fields the entry must extract from this line. */
  expectFields?: Record<string, string | number>;
  /** Where the line comes from: corpus path, issue URL, or the program run on the dev machine. */
  origin: string;
}

export interface SignalDef {
  id: string;
  title: string;
  resource: SignalResource;
  kind: SignalKind;
  severity: SignalSeverity;
  /** Source families this entry is tried on. */
  sources: SourceFamily[];
  /** Cheap prefilter: the message must contain one of these (case-sensitive indexOf) before the regex runs. */
  literals?: string[];
  /** Confirms the match; named groups become extracted fields (digits become numbers). */
  regex?: RegExp;
  /** Numeric threshold on an extracted group (e.g. PostgreSQL `duration:` ms). */
  threshold?: { group: string; min: number };
  /** Entries conditioned on parsed fields (http status) rather than text. */
  field?: FieldCondition;
  /** Entries conditioned on the event level (generic error events). */
  levels?: Level[];
  /** When the event has a program, it must be one of these. */
  programs?: string[];
  blame: Blame;
  /** One sentence for docs and reports: what it means and what to look at next. */
  meaning: string;
  samples: SignalSample[];
  /** Why an entry has no sample line, when none could be found or produced. */
  noSample?: string;
}
