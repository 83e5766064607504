/**
 * The characters the hand-written parsers compare `charCodeAt` against, by
 * name: `s.charCodeAt(i) === Char.Colon` instead of `=== 58`. A `const enum`:
 * tsc writes the number itself into every comparison (the name as a comment),
 * so the compiled hot paths are the code they were, no lookup per character.
 * Letters are named by themselves (`Char.T` is `T`, `Char.a` is `a`).
 */
export const enum Char {
  Tab = 9,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Dash = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Lt = 60,
  Gt = 62,
  At = 64,
  A = 65,
  L = 76,
  T = 84,
  Z = 90,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  a = 97,
  f = 102,
  l = 108,
  m = 109,
  p = 112,
  y = 121,
  z = 122,
  LBrace = 123,
  /** The first code after ASCII. */
  NonAscii = 0x80,
  /** No-break space, the first Latin-1 code that is no control. */
  Nbsp = 0xa0,
  /** OR-ed into an ASCII letter's code, gives its lower case (`'A' | CaseBit` is `'a'`). */
  CaseBit = 0x20,
}
