/**
 * Whether two glob-like patterns have a common non-empty match, as OPA's
 * regex.globs_match decides it (the Go library yashtewari/glob-intersection,
 * v0.2: tokenize, simplify, trim common ends, then walk both token lists).
 *
 * Pattern syntax: a character, `.` (any character), `[…]` (a set, with `a-z`
 * ranges), each optionally followed by `+` or `*`; `\` escapes the next
 * character. Positions in error messages count code points, as Go's []rune does.
 */

type Flag = 'none' | 'plus' | 'star';

type Token =
  | { kind: 'char'; flag: Flag; readonly rune: number }
  | { kind: 'dot'; flag: Flag }
  | { kind: 'set'; flag: Flag; readonly runes: ReadonlySet<number> };

type Glob = readonly Token[];

/** A pattern the library rejects; the message is the library's, e.g. "input:[abc, pos:4, found [ without matching ]: …". */
export class GlobIntersectionError extends Error {
  constructor(input: readonly number[], position: number, detail: string) {
    super(`input:${String.fromCodePoint(...input)}, pos:${position}, ${detail}: the input provided is invalid`);
    this.name = 'GlobIntersectionError';
  }
}

/** True when some non-empty string matches both patterns; throws GlobIntersectionError on a malformed pattern. */
export function globsIntersect(left: string, right: string): boolean {
  const trimmed = trimCommonEnds(parseGlob(left), parseGlob(right));
  return trimmed !== undefined && intersectNormal(trimmed[0], trimmed[1]);
}

function parseGlob(pattern: string): Glob {
  return simplify(new Tokenizer(pattern).tokens());
}

/** One rune read with its escape state; `end` when the input is exhausted. */
interface RuneRead {
  readonly next: number;
  readonly rune: number;
  readonly escaped: boolean;
  readonly end: boolean;
}

class Tokenizer {
  private readonly input: number[];

  constructor(pattern: string) {
    this.input = Array.from(pattern, (c) => c.codePointAt(0)!);
  }

  tokens(): Token[] {
    const out: Token[] = [];
    let index = 0;
    for (;;) {
      const read = this.readRune(index);
      if (read.end) return out;
      const [token, next] = this.token(read);
      out.push(token);
      index = next;
    }
  }

  /** The token starting with `read`, with its flag, and where the next token starts. */
  private token(read: RuneRead): [Token, number] {
    let token: Token;
    let index = read.next;
    const c = String.fromCodePoint(read.rune);
    if (read.escaped) {
      token = { kind: 'char', flag: 'none', rune: read.rune };
    } else if (c === '.') {
      token = { kind: 'dot', flag: 'none' };
    } else if (c === '[') {
      [token, index] = this.set(index);
    } else if (c === ']') {
      throw this.error(index, "set-close ']' with no preceding '['");
    } else if (c === '+' || c === '*') {
      throw this.error(index, `flag '${c}' must be preceded by a non-flag`);
    } else {
      token = { kind: 'char', flag: 'none', rune: read.rune };
    }
    // A following unescaped + or * is this token's flag.
    const flag = this.readRune(index);
    if (!flag.end && !flag.escaped && (flag.rune === 0x2b || flag.rune === 0x2a)) {
      token.flag = flag.rune === 0x2b ? 'plus' : 'star';
      index = flag.next;
    }
    return [token, index];
  }

  /** A set whose `[` ended before `index`; returns it and the index after its `]`. */
  private set(index: number): [Token, number] {
    const runes = new Set<number>();
    let prev: number | undefined;
    let read = this.readRune(index);
    for (; !read.end; read = this.readRune(read.next)) {
      if (read.escaped) {
        runes.add(read.rune);
        prev = read.rune;
        continue;
      }
      if (read.rune === 0x5d) return [{ kind: 'set', flag: 'none', runes }, read.next];
      if (read.rune !== 0x2d) {
        runes.add(read.rune);
        prev = read.rune;
        continue;
      }
      // A range: '-' between two characters.
      if (prev === undefined) throw this.error(read.next, "range character '-' must be preceded by a Unicode character");
      if (read.next >= this.input.length - 1) throw this.error(read.next, "range character '-' must be followed by a Unicode character");
      read = this.readRune(read.next);
      if (!read.escaped && (read.rune === 0x5d || read.rune === 0x2d)) {
        throw this.error(read.next, "range character '-' cannot be followed by a special symbol");
      }
      if (read.rune < prev) {
        const [from, to] = [String.fromCodePoint(read.rune), String.fromCodePoint(prev)];
        throw this.error(read.next, `range is out of order: '${from}' comes before '${to}' in Unicode`);
      }
      for (let r = prev; r <= read.rune; r++) runes.add(r);
      prev = undefined;
    }
    throw this.error(read.next, 'found [ without matching ]');
  }

  private readRune(index: number): RuneRead {
    if (index >= this.input.length) return { next: index, rune: 0, escaped: false, end: true };
    if (this.input[index] !== 0x5c) return { next: index + 1, rune: this.input[index], escaped: false, end: false };
    if (index === this.input.length - 1) throw this.error(index, 'input ends with a \\ (escape) character');
    return { next: index + 2, rune: this.input[index + 1], escaped: true, end: false };
  }

  private error(position: number, detail: string): GlobIntersectionError {
    return new GlobIntersectionError(this.input, position, detail);
  }
}

/** Merges runs of equal flagged tokens (t+t* and t*t+ are t+, t*t* is t*). */
function simplify(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (last && last.flag !== 'none' && token.flag !== 'none' && sameToken(last, token)) {
      last.flag = last.flag === 'plus' || token.flag === 'plus' ? 'plus' : 'star';
    } else {
      out.push(token);
    }
  }
  return out;
}

function sameToken(a: Token, b: Token): boolean {
  if (a.kind === 'char' && b.kind === 'char') return a.rune === b.rune;
  if (a.kind === 'set' && b.kind === 'set') return a.runes.size === b.runes.size && [...a.runes].every((r) => b.runes.has(r));
  return a.kind === 'dot' && b.kind === 'dot';
}

/** Whether two single tokens share a character, flags ignored (a dot shares with anything, even an empty set). */
function tokensMatch(a: Token, b: Token): boolean {
  if (a.kind === 'dot' || b.kind === 'dot') return true;
  if (a.kind === 'char') return b.kind === 'char' ? a.rune === b.rune : b.runes.has(a.rune);
  if (b.kind === 'char') return a.runes.has(b.rune);
  return [...a.runes].some((r) => b.runes.has(r));
}

/**
 * Drops the unflagged prefix and suffix both globs share (undefined when they
 * differ there), keeping one token at each end so neither glob becomes empty.
 */
function trimCommonEnds(g1: Glob, g2: Glob): [Glob, Glob] | undefined {
  let l = 0;
  for (; l < g1.length && l < g2.length && g1[l].flag === 'none' && g2[l].flag === 'none'; l++) {
    if (!tokensMatch(g1[l], g2[l])) return undefined;
  }
  if (l > 0) l--;
  let r1 = g1.length - 1;
  let r2 = g2.length - 1;
  for (; r1 >= l && r2 >= l && g1[r1].flag === 'none' && g2[r2].flag === 'none'; r1--, r2--) {
    if (!tokensMatch(g1[r1], g2[r2])) return undefined;
  }
  if (r1 < g1.length - 1) {
    r1++;
    r2++;
  }
  return [g1.slice(l, r1 + 1), g2.slice(l, r2 + 1)];
}

/** Walks both globs token by token until one has a flagged token. */
function intersectNormal(g1: Glob, g2: Glob): boolean {
  let i = 0;
  for (; i < g1.length && i < g2.length; i++) {
    if (g1[i].flag !== 'none' || g2[i].flag !== 'none') return intersectSpecial(g1.slice(i), g2.slice(i));
    if (!tokensMatch(g1[i], g2[i])) return false;
  }
  return i === g1.length && i === g2.length;
}

function intersectSpecial(g1: Glob, g2: Glob): boolean {
  const [flagged, other] = g1[0].flag !== 'none' ? [g1, g2] : [g2, g1];
  return flagged[0].flag === 'plus' ? intersectPlus(flagged, other) : intersectStar(flagged, other);
}

/** plussed[0] must take at least other[0]; then it acts as a star, or a flagged other[0] takes it whole. */
function intersectPlus(plussed: Glob, other: Glob): boolean {
  if (!tokensMatch(plussed[0], other[0])) return false;
  if (intersectStar(plussed, other.slice(1))) return true;
  return other[0].flag !== 'none' && intersectNormal(plussed.slice(1), other);
}

/** starred[0] takes tokens of other until the rest of other intersects starred[1:]. */
function intersectStar(starred: Glob, other: Glob): boolean {
  const [star, next] = starred;
  for (let i = 0; i < other.length; i++) {
    const t = other[i];
    if (next !== undefined && tokensMatch(t, next) && intersectNormal(starred.slice(1), other.slice(i))) return true;
    if (!tokensMatch(t, star)) return false;
  }
  return next === undefined;
}
