/**
 * Glob patterns as OPA's glob.match reads them (the gobwas/glob Go library).
 *
 * `*` any run of non-delimiter characters, `**` any run at all, `?` one
 * non-delimiter character, `[abc]` `[a-z]` `[!…]` one character, `{a,b}`
 * alternatives (nestable), `\` escapes the next character. A pattern must
 * match the whole text. Patterns are compiled once into an anchored RegExp.
 */

/** A glob the library cannot compile; the message names the problem. */
export class GlobSyntaxError extends Error {
  constructor(detail: string, pattern: string) {
    super(`syntax error in pattern ${JSON.stringify(pattern)}: ${detail}`);
    this.name = 'GlobSyntaxError';
  }
}

const CACHE_LIMIT = 200;
const cache = new Map<string, RegExp>();

/** Compiles (cached) and matches `text` against `pattern` with the given single-character delimiters. */
export function globMatch(pattern: string, delimiters: readonly string[], text: string): boolean {
  const key = `${delimiters.join('')}\u0000${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^(?:${new GlobCompiler(pattern, delimiters).compile()})$`, 'u');
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, re);
  }
  return re.test(text);
}

const SPECIALS = new Set(['*', '?', '\\', '[', ']', '{', '}']);

/** gobwas/glob QuoteMeta: a backslash before each special character. */
export function globQuoteMeta(text: string): string {
  return Array.from(text).map((c) => (SPECIALS.has(c) ? `\\${c}` : c)).join('');
}

function escapeForRegExp(c: string): string {
  return /^[A-Za-z0-9]$/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

class GlobCompiler {
  private readonly chars: string[];
  private pos = 0;
  private readonly notDelimiter: string;

  constructor(private readonly pattern: string, delimiters: readonly string[]) {
    this.chars = Array.from(pattern);
    this.notDelimiter = delimiters.length === 0 ? '[^]' : `[^${delimiters.map(escapeForRegExp).join('')}]`;
  }

  compile(): string {
    const out = this.sequence(0);
    if (this.pos < this.chars.length) throw new GlobSyntaxError(`unexpected ${this.chars[this.pos]}`, this.pattern);
    return out;
  }

  private fail(detail: string): never {
    throw new GlobSyntaxError(detail, this.pattern);
  }

  /** A run of pattern items, ending at the end, or at `,`/`}` inside alternatives. */
  private sequence(termsDepth: number): string {
    let out = '';
    while (this.pos < this.chars.length) {
      const c = this.chars[this.pos];
      if (termsDepth > 0 && (c === ',' || c === '}')) break;
      this.pos++;
      switch (c) {
        case '*':
          if (this.chars[this.pos] === '*') {
            this.pos++;
            out += '[^]*';
          } else {
            out += `${this.notDelimiter}*`;
          }
          break;
        case '?':
          out += this.notDelimiter;
          break;
        case '[':
          out += this.range();
          break;
        case '{':
          out += this.alternatives(termsDepth + 1);
          break;
        case '\\':
          if (this.pos >= this.chars.length) this.fail('pattern ends with an escape character');
          out += escapeForRegExp(this.chars[this.pos++]);
          break;
        default:
          out += escapeForRegExp(c);
      }
    }
    return out;
  }

  private alternatives(depth: number): string {
    const options: string[] = [];
    for (;;) {
      options.push(this.sequence(depth));
      const c = this.chars[this.pos++];
      if (c === '}') break;
      if (c !== ',') this.fail('unexpected end of input: missing }');
    }
    return `(?:${options.join('|')})`;
  }

  /** `[…]` after the `[`: either one `lo-hi` range or a list of characters, optionally negated by `!`. */
  private range(): string {
    let negated = false;
    if (this.chars[this.pos] === '!') {
      negated = true;
      this.pos++;
    }
    const next = (): string => {
      if (this.pos >= this.chars.length) this.fail('unexpected end of input: missing ]');
      return this.chars[this.pos++];
    };
    let body: string;
    const first = this.chars[this.pos];
    if (first !== undefined && first !== '\\' && first !== ']' && this.chars[this.pos + 1] === '-') {
      const lo = next();
      this.pos++; // -
      const hi = next();
      if (hi.codePointAt(0)! < lo.codePointAt(0)!) this.fail(`hi character '${hi}' should be greater than lo '${lo}'`);
      body = `${escapeForRegExp(lo)}-${escapeForRegExp(hi)}`;
    } else {
      const members: string[] = [];
      for (;;) {
        let c = next();
        if (c === ']') {
          this.pos--;
          break;
        }
        if (c === '\\') c = next();
        members.push(escapeForRegExp(c));
      }
      body = members.join('');
    }
    if (next() !== ']') this.fail('expected close range character');
    if (body === '') return negated ? '[^]' : '[]';
    return `[${negated ? '^' : ''}${body}]`;
  }
}
