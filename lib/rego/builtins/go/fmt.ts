/**
 * Go's fmt.Sprintf over the few Go types OPA hands it.
 *
 * OPA's sprintf converts each operand before calling Go: integers to `int`
 * (or `*big.Int` beyond int64), other numbers to `float64`, strings to
 * `string`, everything else to its Rego text as a `string`. The verbs, flags,
 * widths and the `%!verb(type=value)` error notation below follow Go.
 */
import { formatFloat } from './float';

/** An operand as Go's fmt sees it. */
export type GoArg =
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: '*big.Int'; readonly value: bigint }
  | { readonly type: 'float64'; readonly value: number }
  | { readonly type: 'string'; readonly value: string };

/** Thrown for a Go verb we do not reproduce, rather than printing something Go would not. */
export class UnsupportedVerbError extends Error {}

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  precision?: number;
}

/** Where the run of ASCII digits starting at i ends (i when there is none). */
function digitsEnd(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i;
}

/** Go's fmt.Sprintf(format, args...). */
export function goSprintf(format: string, args: readonly GoArg[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { plus: false, minus: false, sharp: false, space: false, zero: false, width: undefined, precision: undefined };
    for (; i < n; i++) {
      const c = format[i];
      if (c === '+') spec.plus = true;
      else if (c === '-') {
        spec.minus = true;
        spec.zero = false;
      } else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    let goodArgNum = true;
    const argIndex = (): void => {
      if (format[i] !== '[') return;
      reordered = true;
      const close = format.indexOf(']', i);
      const idx = close > i ? Number(format.slice(i + 1, close)) : NaN;
      if (close < 0 || !Number.isInteger(idx) || idx < 1 || idx > args.length || !/^\d+$/.test(format.slice(i + 1, close))) {
        goodArgNum = false;
        i = close < 0 ? n : close + 1;
        return;
      }
      argNum = idx - 1;
      i = close + 1;
    };
    argIndex();
    if (format[i] === '*') {
      i++;
      const w = intFromArg(args, argNum);
      argNum++;
      if (w === undefined) out += '%!(BADWIDTH)';
      else {
        spec.width = Math.abs(w);
        if (w < 0) {
          spec.minus = true;
          spec.zero = false;
        }
      }
    } else {
      const end = digitsEnd(format, i);
      if (end > i) {
        spec.width = Number(format.slice(i, end));
        i = end;
      }
    }
    if (format[i] === '.') {
      i++;
      argIndex();
      if (format[i] === '*') {
        i++;
        const p = intFromArg(args, argNum);
        argNum++;
        if (p === undefined || p < 0) out += '%!(BADPREC)';
        else spec.precision = p;
      } else {
        const end = digitsEnd(format, i);
        spec.precision = end > i ? Number(format.slice(i, end)) : 0;
        i = end;
      }
    }
    argIndex();
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argNum], verb, spec);
    argNum++;
  }
  if (!reordered && argNum < args.length) {
    out += `%!(EXTRA ${args.slice(argNum).map((a) => `${a.type}=${formatArg(a, 'v', blankSpec())}`).join(', ')})`;
  }
  return out;
}

function blankSpec(): Spec {
  return { plus: false, minus: false, sharp: false, space: false, zero: false };
}

function intFromArg(args: readonly GoArg[], argNum: number): number | undefined {
  const a = args[argNum];
  if (!a || a.type !== 'int') return undefined;
  const v = Number(a.value);
  return Math.abs(v) > 1e6 ? undefined : v;
}

function formatArg(arg: GoArg, verb: string, spec: Spec): string {
  switch (arg.type) {
    case 'int':
    case '*big.Int':
      return formatInteger(arg, verb, spec);
    case 'float64':
      return formatFloatArg(arg.value, verb, spec);
    case 'string':
      return formatString(arg.value, verb, spec);
  }
}

function badVerb(arg: GoArg, verb: string, spec: Spec): string {
  if (arg.type === '*big.Int') return `%!${verb}(big.Int=${arg.value.toString()})`;
  return `%!${verb}(${arg.type}=${formatArg(arg, 'v', spec)})`;
}

/** Go's fmt.pad: width counted in runes, spaces or zeros on the left, spaces on the right. */
function pad(text: string, spec: Spec, zeroAllowed = true): string {
  const width = spec.width ?? 0;
  // No width (the usual case): nothing to count, and counting runes means splitting the text.
  if (width <= text.length / 2) return text;
  const missing = width - Array.from(text).length;
  if (missing <= 0) return text;
  if (spec.minus) return text + ' '.repeat(missing);
  return (spec.zero && zeroAllowed ? '0' : ' ').repeat(missing) + text;
}

const INTEGER_BASES: Readonly<Record<string, number>> = { v: 10, d: 10, b: 2, o: 8, O: 8, x: 16, X: 16 };

function formatInteger(arg: GoArg & { value: bigint }, verb: string, spec: Spec): string {
  if (arg.type === '*big.Int' && verb === 's') verb = 'd';
  if (arg.type === 'int' && (verb === 'c' || verb === 'q' || verb === 'U')) return formatRune(arg.value, verb, spec);
  const base = INTEGER_BASES[verb];
  if (base === undefined) return badVerb(arg, verb, spec);
  // A plain %d or %v (indexes in paths, the usual case): the decimal text, sign included.
  if (base === 10 && !spec.plus && !spec.space && spec.width === undefined && spec.precision === undefined) return arg.value.toString();
  const negative = arg.value < 0n;
  let digits = (negative ? -arg.value : arg.value).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && arg.value === 0n) return pad('', { ...spec, zero: false });
    digits = digits.padStart(spec.precision, '0');
  } else if (spec.zero && !spec.minus && spec.width !== undefined) {
    const room = spec.width - (negative || spec.plus || spec.space ? 1 : 0);
    digits = digits.padStart(room, '0');
  }
  let prefix = '';
  if (spec.sharp) {
    if (base === 2) prefix = '0b';
    else if (base === 8 && !digits.startsWith('0')) prefix = '0';
    else if (base === 16) prefix = verb === 'X' ? '0X' : '0x';
  }
  if (verb === 'O') prefix = '0o';
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + prefix + digits, { ...spec, zero: false });
}

function formatRune(value: bigint, verb: string, spec: Spec): string {
  const valid = value >= 0n && value <= 0x10ffffn && !(value >= 0xd800n && value <= 0xdfffn);
  const cp = valid ? Number(value) : 0xfffd;
  if (verb === 'c') return pad(String.fromCodePoint(cp), spec);
  if (verb === 'q') return pad(quoteRune(cp), spec);
  const hex = (valid || value > 0n ? value : 0n).toString(16).toUpperCase().padStart(4, '0');
  return pad(spec.sharp ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`, spec);
}

function formatFloatArg(value: number, verb: string, spec: Spec): string {
  let text: string;
  switch (verb) {
    case 'v':
      text = formatFloat(value, 'g', spec.precision ?? -1);
      break;
    case 'e': case 'E': case 'f': case 'F':
      text = formatFloat(value, verb, spec.precision ?? 6);
      break;
    case 'g': case 'G':
      text = formatFloat(value, verb, spec.precision ?? -1);
      break;
    case 'b': case 'x': case 'X':
      throw new UnsupportedVerbError(`%${verb} of a floating-point number is not supported`);
    default:
      return badVerb({ type: 'float64', value }, verb, spec);
  }
  if (spec.sharp) throw new UnsupportedVerbError(`the # flag with %${verb} of a floating-point number is not supported`);
  let sign = '';
  if (text.startsWith('-')) {
    sign = '-';
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
    sign = spec.plus ? '+' : spec.space ? ' ' : '';
  } else if (spec.plus) sign = '+';
  else if (spec.space) sign = ' ';
  if (text === 'Inf' || text === 'NaN') {
    if (text === 'NaN' && !spec.plus && !spec.space) sign = '';
    return pad(sign + text, { ...spec, zero: false });
  }
  const width = spec.width ?? 0;
  if (spec.zero && !spec.minus && width > sign.length + text.length) {
    return sign + '0'.repeat(width - sign.length - text.length) + text;
  }
  return pad(sign + text, { ...spec, zero: false });
}

function formatString(value: string, verb: string, spec: Spec): string {
  const truncated = spec.precision === undefined ? value : Array.from(value).slice(0, spec.precision).join('');
  switch (verb) {
    case 'v':
    case 's':
      return pad(truncated, spec);
    case 'q':
      return pad(spec.sharp && canBackquote(truncated) ? `\`${truncated}\`` : quoteString(truncated, spec.plus), spec);
    case 'x':
    case 'X': {
      const bytes = Array.from(Buffer.from(truncated, 'utf8'));
      let hex = bytes.map((b) => {
        const h = b.toString(16).padStart(2, '0');
        const digits = verb === 'X' ? h.toUpperCase() : h;
        return spec.sharp && spec.space ? (verb === 'X' ? '0X' : '0x') + digits : digits;
      }).join(spec.space ? ' ' : '');
      if (spec.sharp && !spec.space && hex.length > 0) hex = (verb === 'X' ? '0X' : '0x') + hex;
      return pad(hex, spec);
    }
    default:
      return badVerb({ type: 'string', value }, verb, spec);
  }
}

function canBackquote(s: string): boolean {
  return !/[`\u0000-\u0008\u000a-\u001f\u007f\ufeff]/.test(s);
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Go's strconv.Quote (or QuoteToASCII when `ascii`). */
export function quoteString(s: string, ascii = false): string {
  // Printable ASCII other than the quote and the backslash stays as it is in both modes.
  if (PLAIN_ASCII.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) out += quoteChar(ch.codePointAt(0)!, '"', ascii);
  return out + '"';
}

function quoteRune(cp: number): string {
  return `'${quoteChar(cp, "'", false)}'`;
}

function quoteChar(cp: number, quote: string, ascii: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return '\\' + ch;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
  if (named[cp]) return named[cp];
  if (ascii ? cp >= 0x20 && cp < 0x7f : isPrintable(ch)) return ch;
  if (cp < 0x80) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Approximates Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
function isPrintable(ch: string): boolean {
  return ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}
