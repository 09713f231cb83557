/**
 * Rego lexer: source text to tokens with 1-based line/column. Whitespace is
 * not a token but is recorded on the following token, because Rego gives it
 * meaning: a newline separates body expressions, and `a[b]`/`f(x)` require
 * the bracket to touch what precedes it.
 */
import { Location, RegoErrorDetail } from './errors';

/** Token kinds. Keywords are identifiers; the parser decides (they depend on imports in v0). */
export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'eof';

/** One token. */
export interface Token {
  readonly kind: TokenKind;
  /** Source text (for strings: the decoded value is in `value`). */
  readonly text: string;
  /** Decoded string value of string tokens. */
  readonly value?: string;
  readonly line: number;
  readonly col: number;
  /** A newline (or comment line) separates this token from the previous one. */
  readonly newlineBefore: boolean;
  /** Any whitespace or comment separates this token from the previous one. */
  readonly spaceBefore: boolean;
}

const PUNCT2 = [':=', '==', '!=', '<=', '>='];
const PUNCT1 = '{}[]().,;:=<>+-*/%&|';

/** Result of lexing: tokens (ending with eof) and any errors. */
export interface LexResult {
  tokens: Token[];
  errors: RegoErrorDetail[];
}

/** Splits text into tokens; never throws. */
export function lex(text: string, file: string): LexResult {
  const tokens: Token[] = [];
  const errors: RegoErrorDetail[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let newline = false;
  let space = false;
  const loc = (at: number): Location => ({ file, line, col: at - lineStart + 1 });
  const push = (kind: TokenKind, start: number, end: number, value?: string, startLine = line, startCol = start - lineStart + 1): void => {
    tokens.push({ kind, text: text.slice(start, end), value, line: startLine, col: startCol, newlineBefore: newline, spaceBefore: space });
    newline = false;
    space = false;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      newline = true;
      space = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      space = true;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      space = true;
      continue;
    }
    const start = i;
    if (isIdentStart(c)) {
      while (i < text.length && isIdentPart(text[i])) i++;
      push('ident', start, i);
      continue;
    }
    if (c >= '0' && c <= '9') {
      while (isDigit(text[i])) i++;
      if (text[i] === '.' && isDigit(text[i + 1])) {
        i++;
        while (isDigit(text[i])) i++;
      }
      if ((text[i] === 'e' || text[i] === 'E') && (isDigit(text[i + 1]) || ((text[i + 1] === '+' || text[i + 1] === '-') && isDigit(text[i + 2])))) {
        i += 2;
        while (isDigit(text[i])) i++;
      }
      if (isIdentStart(text[i] ?? ' ')) errors.push({ code: 'rego_parse_error', message: 'illegal number format', location: loc(start) });
      push('number', start, i);
      continue;
    }
    if (c === '"') {
      const r = lexString(text, i);
      if (r.error) errors.push({ code: 'rego_parse_error', message: r.error, location: loc(r.errorAt ?? start) });
      i = r.end;
      push('string', start, i, r.value);
      continue;
    }
    if (c === '`') {
      const startLine = line;
      const startCol = start - lineStart + 1;
      i++;
      while (i < text.length && text[i] !== '`') {
        if (text[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= text.length) errors.push({ code: 'rego_parse_error', message: 'non-terminated raw string', location: { file, line: startLine, col: startCol } });
      else i++;
      push('string', start, i, text.slice(start + 1, text[i - 1] === '`' && i - 1 > start ? i - 1 : i), startLine, startCol);
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT2.includes(two)) {
      i += 2;
    } else if (PUNCT1.includes(c)) {
      i += 1;
    } else {
      errors.push({ code: 'rego_parse_error', message: `illegal token ${JSON.stringify(c)}`, location: loc(start) });
      i++;
      continue;
    }
    push('punct', start, i);
  }
  tokens.push({ kind: 'eof', text: '', line, col: i - lineStart + 1, newlineBefore: true, spaceBefore: true });
  return { tokens, errors };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function lexString(text: string, start: number): { end: number; value: string; error?: string; errorAt?: number } {
  let i = start + 1;
  let out = '';
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return { end: i + 1, value: out };
    if (c === '\n') return { end: i, value: out, error: 'non-terminated string' };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { end: skipToQuote(text, i), value: out, error: 'illegal escape sequence in string', errorAt: i };
      out += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else if (e !== undefined && ESCAPES[e] !== undefined) {
      out += ESCAPES[e];
      i += 2;
    } else {
      return { end: skipToQuote(text, i + 2), value: out, error: 'illegal escape sequence in string', errorAt: i };
    }
  }
  return { end: i, value: out, error: 'non-terminated string' };
}

function skipToQuote(text: string, i: number): number {
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') i++;
  return text[i] === '"' ? i + 1 : i;
}
