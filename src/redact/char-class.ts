/**
 * The character classes the anchored shapes run over, as bits of one table:
 * the scan tests a class with a load, not a call through a function each
 * shape passes (which V8 cannot inline once four shapes share the loop).
 * 65,536 entries, so any UTF-16 unit indexes it.
 */
export const enum Cls {
  Digit = 1,
  /** [0-9A-Fa-f] */
  Hex = 2,
  /** [A-Za-z0-9._%+-], an e-mail's local part. */
  Local = 4,
  /** [A-Za-z0-9-], a domain label. */
  Label = 8,
  HexOrColon = 16,
  /** [0-9.]: what an IPv4 address cannot follow. */
  DigitOrDot = 32,
  /** [0-9A-Za-z_:.]: what an IPv6 address cannot follow. */
  V6Before = 64,
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isAlnum = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

function table(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x80; c++) {
    let bits = 0;
    if (isDigit(c)) bits |= Cls.Digit;
    if (isHex(c)) bits |= Cls.Hex | Cls.HexOrColon;
    if (isAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d) bits |= Cls.Local;
    if (isAlnum(c) || c === 0x2d) bits |= Cls.Label;
    if (c === 0x3a) bits |= Cls.HexOrColon;
    if (isDigit(c) || c === 0x2e) bits |= Cls.DigitOrDot;
    if (isAlnum(c) || c === 0x5f || c === 0x3a || c === 0x2e) bits |= Cls.V6Before;
    t[c] = bits;
  }
  return t;
}

export const CLASSES = table();
