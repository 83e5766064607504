/**
 * POSIX ustar headers (pax for names ustar cannot hold), written here because
 * the redacted archive is made of gzip members, one for each header and one
 * for each body (archive.ts), and tar-stream does not export its encoder.
 * Only what the writer needs: regular files, mode, size, mtime; owners are
 * left out (uid/gid 0, no names).
 */

export const BLOCK = 512;

/** The largest size ustar's 11 octal digits hold; past it the field is base-256 (GNU, read by tar-stream and GNU tar). */
const MAX_OCTAL_SIZE = 0o77777777777;

export interface FileHeader {
  name: string;
  size: number;
  mode: number;
  mtime: Date;
}

/** `n` in `width - 1` octal digits and a NUL, as ustar's numeric fields are written. */
function octal(block: Buffer, at: number, width: number, n: number): void {
  block.write(`${n.toString(8).padStart(width - 1, '0')}\0`, at, width, 'latin1');
}

function size(block: Buffer, n: number): void {
  if (n <= MAX_OCTAL_SIZE) return octal(block, 124, 12, n);
  block[124] = 0x80;
  let rest = n;
  for (let i = 11; i > 0; i--) {
    block[124 + i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
}

/** One 512-byte header block; the checksum is the sum of its bytes with the checksum field read as spaces. */
function block(name: string, prefix: string, type: '0' | 'x', bytes: number, mode: number, mtime: Date): Buffer {
  const b = Buffer.alloc(BLOCK);
  b.write(name, 0, 100, 'utf8');
  octal(b, 100, 8, mode);
  octal(b, 108, 8, 0);
  octal(b, 116, 8, 0);
  size(b, bytes);
  octal(b, 136, 12, Math.max(0, Math.floor(mtime.getTime() / 1000)));
  b.write(type, 156, 1, 'latin1');
  b.write('ustar\u000000', 257, 8, 'latin1');
  octal(b, 329, 8, 0);
  octal(b, 337, 8, 0);
  if (prefix) b.write(prefix, 345, 155, 'utf8');
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const x of b) sum += x;
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return b;
}

/** name split into ustar's prefix (≤155 bytes) and name (≤100) at a `/`, or null when it cannot be (or is not ASCII). */
function split(name: string): [string, string] | null {
  if (!/^[\x20-\x7e]*$/.test(name)) return null;
  if (name.length <= 100) return ['', name];
  for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
    if (i <= 155 && name.length - i - 1 <= 100 && i < name.length - 1) return [name.slice(0, i), name.slice(i + 1)];
  }
  return null;
}

/** A pax record: its own length in decimal, counted in bytes including itself. */
function record(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const len = Buffer.byteLength(body);
  let total = len + String(len).length;
  if (String(total).length !== String(len).length) total = len + String(total).length;
  return `${total}${body}`;
}

/** Padding after a body of `bytes`, up to the next block. */
export function padding(bytes: number): Buffer {
  return Buffer.alloc((BLOCK - (bytes % BLOCK)) % BLOCK);
}

/** The header blocks of a regular file: a pax header first when the name does not fit ustar. */
export function fileHeader(h: FileHeader): Buffer {
  const parts = split(h.name);
  if (parts) return block(parts[1], parts[0], '0', h.size, h.mode, h.mtime);
  const pax = Buffer.from(record('path', h.name), 'utf8');
  const short = Buffer.from(h.name, 'utf8')
    .subarray(-90)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '_');
  return Buffer.concat([block('PaxHeader', '', 'x', pax.length, 0o644, h.mtime), pax, padding(pax.length), block(short, '', '0', h.size, h.mode, h.mtime)]);
}

/** Two zero blocks end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);
