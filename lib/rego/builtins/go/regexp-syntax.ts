/**
 * Parser for Go's RE2 regular-expression syntax (package regexp/syntax, Perl flags).
 *
 * OPA compiles patterns with Go's `regexp.Compile`, whose syntax differs from
 * JavaScript's: `(?i)` flag groups, `\z`, `\Q…\E`, POSIX classes, `(?P<name>…)`,
 * a literal `{` when it is not a repeat, and no look-around or back-references.
 * Parsing the Go syntax ourselves lets `regex.is_valid` accept exactly what Go
 * accepts and lets the emitter produce an equivalent JavaScript pattern.
 */

import { PERL_CLASSES, POSIX_CLASSES, isKnownUnicodeClass } from './regexp-classes';

export { isGeneralCategory } from './regexp-classes';

/** Error raised for a pattern Go would reject; the message matches Go's wording. */
export class GoRegexpError extends Error {
  constructor(code: string, fragment: string) {
    super(`error parsing regexp: ${code}: \`${fragment}\``);
    this.name = 'GoRegexpError';
  }
}

/** A closed range of code points. */
export interface CodeRange {
  readonly lo: number;
  readonly hi: number;
}

/** One member of a character class. */
export type ClassItem =
  | { readonly kind: 'range'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'property'; readonly name: string; readonly negated: boolean }
  | { readonly kind: 'class'; readonly ranges: readonly CodeRange[]; readonly negated: boolean };

/** Syntax tree of a Go regular expression. */
export type RegexpNode =
  | { readonly kind: 'literal'; readonly codePoint: number; readonly fold: boolean }
  | { readonly kind: 'class'; readonly items: readonly ClassItem[]; readonly negated: boolean; readonly fold: boolean }
  | { readonly kind: 'any'; readonly matchNewline: boolean }
  | { readonly kind: 'assert'; readonly assertion: 'beginText' | 'endText' | 'beginLine' | 'endLine' | 'wordBoundary' | 'notWordBoundary' }
  | { readonly kind: 'group'; readonly index: number | undefined; readonly body: RegexpNode }
  | { readonly kind: 'concat'; readonly parts: readonly RegexpNode[] }
  | { readonly kind: 'alternate'; readonly options: readonly RegexpNode[] }
  | { readonly kind: 'repeat'; readonly body: RegexpNode; readonly min: number; readonly max: number; readonly greedy: boolean };

/** A parsed pattern: its tree and the names of its capture groups (index 0 is the whole match). */
export interface ParsedRegexp {
  readonly root: RegexpNode;
  readonly groupNames: readonly string[];
}

interface Flags {
  fold: boolean;
  multiLine: boolean;
  dotNewline: boolean;
  ungreedy: boolean;
}

const MAX_REPEAT = 1000;

const isWordChar = (c: string): boolean => /^[A-Za-z0-9_]$/.test(c);
const isAsciiAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

/** Parses `pattern` with Go's Perl-flavoured RE2 rules; throws GoRegexpError like Go would. */
export function parseGoRegexp(pattern: string): ParsedRegexp {
  return new Parser(pattern).parse();
}

class Parser {
  private readonly chars: string[];
  private pos = 0;
  private readonly groupNames: string[] = [''];

  constructor(private readonly pattern: string) {
    this.chars = Array.from(pattern);
  }

  parse(): ParsedRegexp {
    const flags: Flags = { fold: false, multiLine: false, dotNewline: false, ungreedy: false };
    const root = this.parseAlternation(flags, 0);
    if (this.pos < this.chars.length) throw new GoRegexpError('unexpected )', this.pattern);
    return { root, groupNames: this.groupNames };
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private rest(): string {
    return this.chars.slice(this.pos).join('');
  }

  private parseAlternation(flags: Flags, depth: number): RegexpNode {
    const options: RegexpNode[] = [this.parseConcat(flags, depth)];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.parseConcat(flags, depth));
    }
    return options.length === 1 ? options[0] : { kind: 'alternate', options };
  }

  private parseConcat(flags: Flags, depth: number): RegexpNode {
    const parts: RegexpNode[] = [];
    let lastRepeat = '';
    let afterFlags = false; // a repeat right after `(?i)` has no argument, as in Go
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|') break;
      if (c === ')') {
        if (depth === 0) throw new GoRegexpError('unexpected )', this.pattern);
        break;
      }
      const start = this.pos;
      const repeat = this.parseRepeatOperator(flags);
      if (repeat) {
        const text = this.chars.slice(start, this.pos).join('');
        if (lastRepeat) throw new GoRegexpError('invalid nested repetition operator', lastRepeat + text);
        const body = afterFlags ? undefined : parts.pop();
        if (!body) throw new GoRegexpError('missing argument to repetition operator', text);
        parts.push({ kind: 'repeat', body, ...repeat });
        lastRepeat = text;
        continue;
      }
      lastRepeat = '';
      const atom = this.parseAtom(flags, depth);
      afterFlags = atom === undefined;
      if (Array.isArray(atom)) parts.push(...atom);
      else if (atom) parts.push(atom);
    }
    return parts.length === 1 ? parts[0] : { kind: 'concat', parts };
  }

  /** Reads `*`, `+`, `?` or a valid `{n,m}` (plus a lazy `?`); undefined when none is here. */
  private parseRepeatOperator(flags: Flags): { min: number; max: number; greedy: boolean } | undefined {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, -1] : c === '+' ? [1, -1] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.rest());
      if (!m) return undefined;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
        throw new GoRegexpError('invalid repeat count', m[0]);
      }
      this.pos += m[0].length;
    } else {
      return undefined;
    }
    let greedy = true;
    if (this.peek() === '?') {
      this.pos++;
      greedy = false;
    }
    return { min, max, greedy: flags.ungreedy ? !greedy : greedy };
  }

  /** One atom; `\Q…\E` yields several literals, a bare flag group yields nothing. */
  private parseAtom(flags: Flags, depth: number): RegexpNode | RegexpNode[] | undefined {
    const c = this.peek()!;
    switch (c) {
      case '(':
        return this.parseGroup(flags, depth);
      case '[':
        return this.parseClass(flags);
      case '.':
        this.pos++;
        return { kind: 'any', matchNewline: flags.dotNewline };
      case '^':
        this.pos++;
        return { kind: 'assert', assertion: flags.multiLine ? 'beginLine' : 'beginText' };
      case '$':
        this.pos++;
        return { kind: 'assert', assertion: flags.multiLine ? 'endLine' : 'endText' };
      case '\\':
        return this.parseEscapeAtom(flags);
      default:
        this.pos++;
        return { kind: 'literal', codePoint: c.codePointAt(0)!, fold: flags.fold };
    }
  }

  private parseGroup(flags: Flags, depth: number): RegexpNode | undefined {
    const start = this.pos;
    this.pos++; // (
    let index: number | undefined;
    let inner = flags;
    if (this.peek() === '?') {
      const named = /^\?P?<([^>]*)>/.exec(this.rest());
      if (named && (this.peek(1) === 'P' || this.peek(1) === '<')) {
        const name = named[1];
        if (name === '' || !Array.from(name).every(isWordChar)) {
          throw new GoRegexpError('invalid named capture', this.chars.slice(start, this.pos + named[0].length).join(''));
        }
        if (this.groupNames.includes(name)) throw new GoRegexpError('duplicate capture group name', name);
        this.pos += named[0].length;
        index = this.groupNames.length;
        this.groupNames.push(name);
      } else {
        const parsed = this.parseFlagGroup(flags, start);
        if (parsed.standalone) {
          Object.assign(flags, parsed.flags);
          return undefined;
        }
        inner = parsed.flags;
      }
    } else {
      index = this.groupNames.length;
      this.groupNames.push('');
    }
    const body = this.parseAlternation({ ...inner }, depth + 1);
    if (this.peek() !== ')') throw new GoRegexpError('missing closing )', this.pattern);
    this.pos++;
    return { kind: 'group', index, body };
  }

  /** Parses `(?flags)` or `(?flags:` like Go's parsePerlFlags; the cursor is on the `?`. */
  private parseFlagGroup(flags: Flags, start: number): { flags: Flags; standalone: boolean } {
    const next: Flags = { ...flags };
    let negate = false;
    let sawFlag = false;
    this.pos++; // ?
    let exhausted = true;
    for (let c = this.peek(); c !== undefined; c = this.peek()) {
      this.pos++;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        const key = ({ i: 'fold', m: 'multiLine', s: 'dotNewline', U: 'ungreedy' } as const)[c];
        next[key] = !negate;
        sawFlag = true;
      } else if (c === '-' && !negate) {
        negate = true;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && !(negate && !sawFlag)) {
        return { flags: next, standalone: c === ')' };
      } else {
        exhausted = false;
        break;
      }
    }
    const fragment = this.chars.slice(start, this.pos).join('');
    if (exhausted) throw new GoRegexpError('missing closing )', fragment);
    throw new GoRegexpError('invalid or unsupported Perl syntax', fragment);
  }

  private parseEscapeAtom(flags: Flags): RegexpNode | RegexpNode[] {
    const c = this.peek(1);
    if (c === undefined) throw new GoRegexpError('trailing backslash at end of expression', '');
    const simpleAsserts: Record<string, RegexpNode> = {
      A: { kind: 'assert', assertion: 'beginText' },
      z: { kind: 'assert', assertion: 'endText' },
      b: { kind: 'assert', assertion: 'wordBoundary' },
      B: { kind: 'assert', assertion: 'notWordBoundary' },
    };
    if (simpleAsserts[c]) {
      this.pos += 2;
      return simpleAsserts[c];
    }
    if (c === 'Q') {
      this.pos += 2;
      const rest = this.rest();
      const end = rest.indexOf('\\E');
      const literal = end < 0 ? rest : rest.slice(0, end);
      this.pos += Array.from(literal).length + (end < 0 ? 0 : 2);
      return Array.from(literal).map((ch) => ({ kind: 'literal', codePoint: ch.codePointAt(0)!, fold: flags.fold }));
    }
    const item = this.parseClassEscape();
    if (item.kind === 'range' && item.lo === item.hi) return { kind: 'literal', codePoint: item.lo, fold: flags.fold };
    return { kind: 'class', items: [item], negated: false, fold: flags.fold };
  }

  /** Parses an escape valid both inside and outside a class; the cursor is on the backslash. */
  private parseClassEscape(): ClassItem {
    const start = this.pos;
    this.pos++;
    const c = this.peek();
    const bad = (): never => {
      throw new GoRegexpError('invalid escape sequence', this.chars.slice(start, this.pos + 1).join(''));
    };
    if (c === undefined) throw new GoRegexpError('trailing backslash at end of expression', '');
    this.pos++;
    const lit = (cp: number): ClassItem => ({ kind: 'range', lo: cp, hi: cp });
    if (c >= '1' && c <= '7' && !(this.peek() !== undefined && this.peek()! >= '0' && this.peek()! <= '7')) {
      this.pos--;
      return bad();
    }
    if (c >= '0' && c <= '7') {
      let digits = c;
      while (digits.length < 3 && this.peek() !== undefined && /[0-7]/.test(this.peek()!)) digits += this.chars[this.pos++];
      return lit(parseInt(digits, 8));
    }
    switch (c) {
      case 'a': return lit(7);
      case 'f': return lit(12);
      case 't': return lit(9);
      case 'n': return lit(10);
      case 'r': return lit(13);
      case 'v': return lit(11);
      case 'x': {
        const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.rest());
        if (braced) {
          const cp = parseInt(braced[1], 16);
          if (cp > 0x10ffff) bad();
          this.pos += braced[0].length;
          return lit(cp);
        }
        const two = /^[0-9A-Fa-f]{2}/.exec(this.rest());
        if (!two) return bad();
        this.pos += 2;
        return lit(parseInt(two[0], 16));
      }
      case 'd': case 's': case 'w':
        return { kind: 'class', ranges: PERL_CLASSES[c], negated: false };
      case 'D': case 'S': case 'W':
        return { kind: 'class', ranges: PERL_CLASSES[c.toLowerCase()], negated: true };
      case 'p': case 'P':
        return this.parseUnicodeClass(c === 'P', start);
      default:
        // Go: an escaped ASCII punctuation character is always itself.
        if (c.codePointAt(0)! < 0x80 && !isAsciiAlnum(c)) return lit(c.codePointAt(0)!);
        return bad();
    }
  }

  private parseUnicodeClass(negated: boolean, start: number): ClassItem {
    let name: string;
    if (this.peek() === '{') {
      const m = /^\{([^}]*)\}/.exec(this.rest());
      if (!m) throw new GoRegexpError('invalid character class range', this.chars.slice(start).join(''));
      name = m[1];
      this.pos += m[0].length;
    } else {
      const c = this.peek();
      if (c === undefined) throw new GoRegexpError('invalid character class range', this.chars.slice(start).join(''));
      name = c;
      this.pos++;
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    if (!isKnownUnicodeClass(name)) {
      throw new GoRegexpError('invalid character class range', this.chars.slice(start, this.pos).join(''));
    }
    return { kind: 'property', name, negated };
  }

  private parseClass(flags: Flags): RegexpNode {
    const start = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const items: ClassItem[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new GoRegexpError('missing closing ]', this.chars.slice(start).join(''));
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[' && this.peek(1) === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.rest());
        if (m) {
          const ranges = POSIX_CLASSES[m[2]];
          if (!ranges) throw new GoRegexpError('invalid character class range', m[0]);
          items.push({ kind: 'class', ranges, negated: m[1] === '^' });
          this.pos += m[0].length;
          continue;
        }
      }
      const rangeStart = this.pos;
      const lo = this.parseClassChar();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.parseClassChar();
        const text = this.chars.slice(rangeStart, this.pos).join('');
        if (lo.kind !== 'range' || hi.kind !== 'range' || lo.lo !== lo.hi || hi.lo !== hi.hi || hi.lo < lo.lo) {
          throw new GoRegexpError('invalid character class range', text);
        }
        items.push({ kind: 'range', lo: lo.lo, hi: hi.hi });
      } else {
        items.push(lo);
      }
    }
    return { kind: 'class', items, negated, fold: flags.fold };
  }

  private parseClassChar(): ClassItem {
    const c = this.peek()!;
    if (c === '\\') return this.parseClassEscape();
    this.pos++;
    const cp = c.codePointAt(0)!;
    return { kind: 'range', lo: cp, hi: cp };
  }
}
