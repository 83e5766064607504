/** Number formatting shared by the diagnosis' sentences and every renderer, so a figure reads the same in both. */

/** Numbers for tables and labels: integers as is, others to 3 significant digits. */
export function fmtNum(v: number | null | undefined): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/**
 * `text (note)`, or the note inside the parenthesis `text` already ends with
 * ("node (pid 12, peak 300; tcp saturation)"): two parentheses side by side
 * ("(vmstat) (cpu.runq)") read as two clauses.
 */
export function aside(text: string, note: string): string {
  return text.endsWith(')') ? `${text.slice(0, -1)}; ${note})` : `${text} (${note})`;
}
