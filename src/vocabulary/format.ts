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
