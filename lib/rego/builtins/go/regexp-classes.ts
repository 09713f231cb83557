/**
 * Character classes of Go's regexp syntax: Perl, POSIX and Unicode names.
 */
import type { CodeRange } from './regexp-syntax';

/** Go's Perl classes \d, \s, \w (ASCII only; \s has no \v). */
export const PERL_CLASSES: Record<string, readonly CodeRange[]> = {
  d: [{ lo: 0x30, hi: 0x39 }],
  s: [{ lo: 0x09, hi: 0x0a }, { lo: 0x0c, hi: 0x0d }, { lo: 0x20, hi: 0x20 }],
  w: [{ lo: 0x30, hi: 0x39 }, { lo: 0x41, hi: 0x5a }, { lo: 0x5f, hi: 0x5f }, { lo: 0x61, hi: 0x7a }],
};

const r = (lo: string, hi = lo): CodeRange => ({ lo: lo.codePointAt(0)!, hi: hi.codePointAt(0)! });
/** POSIX classes usable inside brackets, e.g. [[:alpha:]]. */
export const POSIX_CLASSES: Record<string, readonly CodeRange[]> = {
  alnum: [r('0', '9'), r('A', 'Z'), r('a', 'z')],
  alpha: [r('A', 'Z'), r('a', 'z')],
  ascii: [{ lo: 0, hi: 0x7f }],
  blank: [r('\t'), r(' ')],
  cntrl: [{ lo: 0, hi: 0x1f }, { lo: 0x7f, hi: 0x7f }],
  digit: [r('0', '9')],
  graph: [r('!', '~')],
  lower: [r('a', 'z')],
  print: [r(' ', '~')],
  punct: [r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~')],
  space: [r('\t', '\r'), r(' ')],
  upper: [r('A', 'Z')],
  word: [r('0', '9'), r('A', 'Z'), r('a', 'z'), r('_')],
  xdigit: [r('0', '9'), r('A', 'F'), r('a', 'f')],
};

const GENERAL_CATEGORIES = new Set([
  'C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn',
  'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps',
  'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs',
]);

/** True for a Unicode general category; otherwise the name is taken as a script. */
export function isGeneralCategory(name: string): boolean {
  return GENERAL_CATEGORIES.has(name);
}

/** True for a class name Go accepts in \p{…}: Any, a general category or a script. */
export function isKnownUnicodeClass(name: string): boolean {
  if (name === 'Any' || GENERAL_CATEGORIES.has(name)) return true;
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
    return true;
  } catch {
    return false;
  }
}
