/** Token cursor shared by the term and module parsers; parse errors abort with `ParseAbort`. */
import { Location, RegoErrorDetail } from '../errors';
import { Token } from '../lexer';

/** Thrown inside the parser to stop at the first error; caught by the entry points. */
export class ParseAbort extends Error {
  constructor(readonly detail: RegoErrorDetail) {
    super(detail.message);
  }
}

/** Keywords that are always reserved. */
const ALWAYS = ['package', 'import', 'default', 'else', 'not', 'with', 'as', 'some', 'true', 'false', 'null'];
/** Keywords Rego v1 has and v0 gets from `import future.keywords` / `import rego.v1`. */
export const FUTURE_KEYWORDS = ['contains', 'every', 'if', 'in'];

/** Position in a token list with helpers. */
export class TokenStream {
  protected pos = 0;
  /** Keywords active for the module being parsed. */
  protected keywords: Set<string>;

  constructor(protected readonly tokens: Token[], protected readonly file: string, futureKeywords: readonly string[]) {
    this.keywords = new Set([...ALWAYS, ...futureKeywords]);
  }

  protected get tok(): Token {
    return this.tokens[this.pos];
  }

  protected atEnd(): boolean {
    return this.tok.kind === 'eof';
  }

  protected peekAt(offset: number): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  protected next(): Token {
    const t = this.tokens[this.pos];
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  protected loc(t: Token = this.tok): Location {
    return { file: this.file, line: t.line, col: t.col };
  }

  /** True when the current token is the punctuation p. */
  protected is(p: string): boolean {
    return this.tok.kind === 'punct' && this.tok.text === p;
  }

  /** True when the current token is the active keyword k. */
  protected isKeyword(k: string): boolean {
    return this.tok.kind === 'ident' && this.tok.text === k && this.keywords.has(k);
  }

  protected isKeywordToken(t: Token): boolean {
    return t.kind === 'ident' && this.keywords.has(t.text);
  }

  protected accept(p: string): boolean {
    if (!this.is(p)) return false;
    this.next();
    return true;
  }

  protected acceptKeyword(k: string): boolean {
    if (!this.isKeyword(k)) return false;
    this.next();
    return true;
  }

  protected expect(p: string, what?: string): Token {
    if (!this.is(p)) this.fail(`expected ${what ?? JSON.stringify(p)} but got ${this.describe(this.tok)}`);
    return this.next();
  }

  protected describe(t: Token): string {
    if (t.kind === 'eof') return 'end of input';
    if (t.kind === 'string') return 'string';
    if (t.kind === 'number') return 'number';
    if (t.kind === 'ident') return this.keywords.has(t.text) ? `${t.text} keyword` : 'ident';
    return JSON.stringify(t.text);
  }

  protected fail(message: string, at: Token = this.tok): never {
    throw new ParseAbort({ code: 'rego_parse_error', message, location: this.loc(at) });
  }
}
