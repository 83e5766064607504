/**
 * Month names as programs print them in other languages (Java's and glibc's
 * German, French, Spanish, Italian, Dutch and Portuguese abbreviations and
 * full names, with and without accents), plus English (again: `Sep.` with its
 * German dot), English full names and `Sept`.
 * Read only after the English three-letter fast path (stamps.ts monthAt)
 * failed, so English lines never pay for it. Nothing depends on the analysing
 * machine's locale: the table is the whole truth.
 */
import { Char } from './char-codes.js';

const NAMES: ReadonlyArray<string> = [
  'jan january janv janvier januar jänner jän jaen ene enero gen gennaio januari janeiro',
  'feb february févr fevr février fevrier februar febrero febbraio februari fev fevereiro',
  'mar march mär märz maerz mrz mars marzo maart mrt março marco',
  'apr april avr avril abr abril aprile',
  'may mai mayo mag maggio mei maio',
  'jun june juin juni junio giu giugno junho',
  'jul july juil juillet juli julio lug luglio julho',
  'aug august août aout ago agosto augustus',
  'sep september sept septembre septiembre settembre set setembro',
  'oct october okt oktober octobre octubre ott ottobre out outubro',
  'nov november novembre noviembre novembro',
  'dec december déc dez dezember décembre decembre diciembre dic dicembre dezembro',
];

const MONTH_OF: ReadonlyMap<string, number> = new Map(NAMES.flatMap((words, k) => words.split(' ').map((w) => [w, k + 1] as const)));

function isLetter(c: number): boolean {
  return (c >= Char.A && c <= Char.Z) || (c >= Char.a && c <= Char.z) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * A month name at i: letters (any case, Latin accents) and an optional '.'
 * (`sept.`, `févr.`). Returns month + 16 × characters read, or 0 when the
 * word is no month name this table knows.
 */
export function localMonthAt(s: string, i: number): number {
  let j = i;
  while (j - i < 10 && isLetter(s.charCodeAt(j))) j++;
  if (j - i < 3 || isLetter(s.charCodeAt(j))) return 0;
  const mo = MONTH_OF.get(s.slice(i, j).toLowerCase()) ?? 0;
  if (mo === 0) return 0;
  if (s.charCodeAt(j) === Char.Dot) j++;
  return mo + 16 * (j - i);
}
