/**
 * Member names come from an untrusted archive. They are never used to touch
 * the file system, but they are still normalized and rejected when absolute
 * or climbing (`..`), so every later stage can trust `member.path`.
 */
export type PathCheck = { ok: true; parts: string[] } | { ok: false; reason: string };

export function checkMemberName(raw: string): PathCheck {
  if (raw.includes('\0')) return { ok: false, reason: 'NUL byte in name' };
  if (raw.startsWith('/') || raw.startsWith('\\') || /^[A-Za-z]:/.test(raw)) {
    return { ok: false, reason: 'absolute path' };
  }
  const parts: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return { ok: false, reason: 'parent-directory segment (..)' };
    parts.push(seg);
  }
  if (parts.length === 0) return { ok: false, reason: 'empty name' };
  return { ok: true, parts };
}

/** Control characters in a name would garble one-line messages: show them escaped. */
export function printableName(raw: string): string {
  return JSON.stringify(raw).slice(1, -1);
}

/**
 * Rotation of a collected log, for stitching oldest first: `x.log.3.gz` →
 * { base: 'x.log', rank: 3 }, `x.log` → rank 0; a higher rank is older.
 * logrotate's dateext (`messages-20251126`) ranks older dates higher.
 */
export function rotation(path: string): { base: string; rank: number } {
  const dated = /^(.*?)-(\d{8})(\.gz)?$/.exec(path);
  if (dated) return { base: dated[1]!, rank: 100_000_000 - Number(dated[2]) };
  const m = /^(.*?)(?:\.(\d{1,4}))?(\.gz)?$/.exec(path);
  const base = m?.[1] ?? path;
  const n = m?.[2];
  if (n !== undefined) return { base, rank: Number(n) };
  // `x.log.gz` without a number: older than the live file, newer than x.log.1.
  return { base, rank: m?.[3] ? 0.5 : 0 };
}

/**
 * A process table (`snap/start/ps.txt`, `top.txt`): a capture writes these
 * right after the manifest (docs/bundle-format.md, "Member order"), and
 * `sitrep redact` reads the users to hide from their USER column.
 */
export function isProcessTable(path: string): boolean {
  return /^(?:ps|top)\.txt$/.test(path.slice(path.lastIndexOf('/') + 1));
}
