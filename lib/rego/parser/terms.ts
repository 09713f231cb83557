/**
 * Parser of terms, expressions and bodies (shared by modules and queries).
 * Operator precedence follows OPA: in < relations < | < & < + - < * / %.
 */
import { Body, CallTerm, EveryExpr, Expr, RefTerm, Term, VarTerm, WithModifier } from '../ast';
import { Location } from '../errors';
import { parseNumberLiteral } from '../number';
import { ParseAbort, TokenStream } from './stream';

const RELATIONS: Record<string, string> = { '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const ARITH: Record<string, string> = { '+': 'plus', '-': 'minus' };
const FACTOR: Record<string, string> = { '*': 'mul', '/': 'div', '%': 'rem' };

/** Parses terms and bodies over a token stream. */
export class TermParser extends TokenStream {
  /** Newlines end a literal inside bodies, but not inside brackets. */
  private newlineEnds = [true];
  private wildcards = 0;

  protected get newlineSignificant(): boolean {
    return this.newlineEnds[this.newlineEnds.length - 1];
  }

  /** Runs f with newlines (in)significant. */
  protected nested<T>(significant: boolean, f: () => T): T {
    this.newlineEnds.push(significant);
    try {
      return f();
    } finally {
      this.newlineEnds.pop();
    }
  }

  /** True when the current token continues the expression on the previous token's line. */
  protected continues(): boolean {
    // OPA reads an infix operator at the start of a line as continuing the expression.
    return !(this.newlineSignificant && this.tok.newlineBefore && this.is(','));
  }

  /** Parses literals until the closing punctuation (not consumed). */
  parseBodyUntil(close: string): Body {
    return this.nested(true, () => {
      const body: Body = [];
      while (!this.is(close)) {
        if (this.tok.kind === 'eof') this.fail(`expected ${JSON.stringify(close)} but got end of input`);
        body.push(this.parseLiteral());
        if (this.accept(';')) continue;
        if (!this.is(close) && !this.tok.newlineBefore) this.fail(`unexpected ${this.describe(this.tok)}: expected ";", newline or ${JSON.stringify(close)}`);
      }
      return body;
    });
  }

  /** Parses a whole query text (literals up to end of input). */
  parseQueryBody(): Body {
    const body: Body = [];
    while (this.tok.kind !== 'eof') {
      body.push(this.parseLiteral());
      if (this.accept(';')) continue;
      if (!this.atEnd() && !this.tok.newlineBefore) this.fail(`unexpected ${this.describe(this.tok)}`);
    }
    if (body.length === 0) this.fail('empty query');
    return body;
  }

  /** One literal: `some`, `every`, `[not] expr [with ...]`. */
  parseLiteral(): Expr {
    const start = this.tok;
    const loc = this.loc(start);
    if (this.acceptKeyword('some')) return this.parseSome(loc);
    if (this.isKeyword('every')) return this.withModifiers(this.parseEvery());
    const negated = this.acceptKeyword('not');
    const left = this.parseMembership();
    let expr: Expr;
    if (this.is('=') && this.continues()) {
      this.next();
      expr = { kind: 'unify', left, right: this.parseTermIn(), negated, with: [], loc };
    } else if (this.is(':=') && this.continues()) {
      this.next();
      expr = { kind: 'assign', left, right: this.parseTermIn(), negated, with: [], loc };
    } else {
      expr = { kind: 'term', term: left, negated, with: [], loc };
    }
    return this.withModifiers(expr);
  }

  /** `[key,] value in collection [in ...]`, where the key form is allowed (literals, parentheses). */
  protected parseMembership(): Term {
    let left = this.parseRelation();
    if (this.is(',') && this.looksLikeMemberOf3()) {
      this.next();
      const value = this.parseRelation();
      this.next(); // `in`
      left = this.call('internal.member_3', [left, value, this.parseRelation()], left.loc, 'in');
    }
    while (this.isKeyword('in') && this.continues()) {
      this.next();
      left = this.call('internal.member_2', [left, this.parseRelation()], left.loc, 'in');
    }
    return left;
  }

  private looksLikeMemberOf3(): boolean {
    // `k, v in xs` as a literal: scan ahead on the same nesting level for `in`.
    const save = this.pos;
    try {
      this.next();
      this.parseRelation();
      return this.isKeyword('in');
    } catch {
      return false;
    } finally {
      this.pos = save;
    }
  }

  private withModifiers<T extends Expr>(expr: T): T {
    while (this.isKeyword('with')) {
      const loc = this.loc();
      this.next();
      const target = this.nested(false, () => this.parseTermIn());
      if (!this.acceptKeyword('as')) this.fail(`expected as keyword but got ${this.describe(this.tok)}`);
      const value = this.parseTermIn();
      (expr.with as WithModifier[]).push({ target, value, loc });
    }
    return expr;
  }

  private parseSome(loc: Location): Expr {
    const first = this.parseRelation();
    let second: Term | undefined;
    const vars: Term[] = [first];
    while (this.is(',') && this.continues()) {
      this.next();
      const t = this.parseRelation();
      vars.push(t);
      second = t;
    }
    if (this.isKeyword('in')) {
      this.next();
      if (vars.length > 2) this.fail('unexpected , in some declaration: expected at most key and value');
      const collection = this.parseRelation();
      return this.withModifiers({ kind: 'somein', key: second ? first : undefined, value: second ?? first, collection, negated: false, with: [], loc });
    }
    for (const v of vars) if (v.type !== 'var') this.fail('expected var in some declaration', undefined);
    return { kind: 'some', vars: vars as VarTerm[], negated: false, with: [], loc };
  }

  private parseEvery(): EveryExpr {
    const loc = this.loc();
    this.next();
    const first = this.parseVarOnly('every');
    let key: VarTerm | undefined;
    let value = first;
    if (this.accept(',')) {
      key = first;
      value = this.parseVarOnly('every');
    }
    if (!this.acceptKeyword('in')) this.fail(`expected in keyword but got ${this.describe(this.tok)}`);
    const domain = this.parseRelation();
    this.expect('{');
    const body = this.parseBodyUntil('}');
    this.expect('}');
    return { kind: 'every', key, value, domain, body, negated: false, with: [], loc };
  }

  private parseVarOnly(what: string): VarTerm {
    const t = this.tok;
    if (t.kind !== 'ident' || this.isKeywordToken(t)) this.fail(`expected var in ${what} but got ${this.describe(t)}`);
    this.next();
    return this.makeVar(t.text, this.loc(t));
  }

  /** term [in term]... */
  parseTermIn(noOr = false): Term {
    let left = this.parseRelation(noOr);
    while (this.isKeyword('in') && this.continues()) {
      this.next();
      const right = this.parseRelation(noOr);
      left = this.call('internal.member_2', [left, right], left.loc, 'in');
    }
    return left;
  }

  protected parseRelation(noOr = false): Term {
    let left = this.parseOr(noOr);
    while (this.tok.kind === 'punct' && RELATIONS[this.tok.text] && this.continues()) {
      const op = this.next().text;
      left = this.call(RELATIONS[op], [left, this.parseOr(noOr)], left.loc, op);
    }
    return left;
  }

  private parseOr(noOr: boolean): Term {
    let left = this.parseAnd();
    while (!noOr && this.is('|') && this.continues()) {
      this.next();
      left = this.call('or', [left, this.parseAnd()], left.loc, '|');
    }
    return left;
  }

  private parseAnd(): Term {
    let left = this.parseArith();
    while (this.is('&') && this.continues()) {
      this.next();
      left = this.call('and', [left, this.parseArith()], left.loc, '&');
    }
    return left;
  }

  private parseArith(): Term {
    let left = this.parseFactor();
    while (this.tok.kind === 'punct' && ARITH[this.tok.text] && this.continues()) {
      const op = this.next().text;
      left = this.call(ARITH[op], [left, this.parseFactor()], left.loc, op);
    }
    return left;
  }

  private parseFactor(): Term {
    let left = this.parsePrimary();
    while (this.tok.kind === 'punct' && FACTOR[this.tok.text] && this.continues()) {
      const op = this.next().text;
      left = this.call(FACTOR[op], [left, this.parsePrimary()], left.loc, op);
    }
    return left;
  }

  protected call(name: string, args: Term[], loc: Location, operator?: string): CallTerm {
    const parts = name.split('.');
    const head = this.makeVar(parts[0], loc);
    const fn: VarTerm | RefTerm = parts.length === 1 ? head : { type: 'ref', head, path: parts.slice(1).map((p) => ({ type: 'scalar', value: p, loc })), loc };
    return { type: 'call', fn, args, loc, operator };
  }

  protected makeVar(name: string, loc: Location): VarTerm {
    return { type: 'var', name: name === '_' ? `$${this.wildcards++}` : name, loc };
  }

  /** A single operand with its refs and calls. */
  parsePrimary(): Term {
    const t = this.tok;
    const loc = this.loc(t);
    switch (t.kind) {
      case 'number':
        this.next();
        return this.postfix({ type: 'scalar', value: parseNumberLiteral(t.text), loc });
      case 'string':
        this.next();
        return this.postfix({ type: 'scalar', value: t.value ?? '', loc });
      case 'ident': {
        if (t.text === 'true' || t.text === 'false' || t.text === 'null') {
          this.next();
          return this.postfix({ type: 'scalar', value: t.text === 'null' ? null : t.text === 'true', loc });
        }
        const callsBuiltin = this.peekAt(1).text === '(' && !this.peekAt(1).spaceBefore && t.text === 'contains';
        if (this.isKeywordToken(t) && !callsBuiltin) this.fail(`unexpected ${t.text} keyword`);
        this.next();
        if (t.text === 'set' && this.is('(') && !this.tok.spaceBefore && this.peekAt(1).text === ')') {
          this.next();
          this.next();
          return this.postfix({ type: 'set', items: [], loc });
        }
        return this.postfix(this.makeVar(t.text, loc));
      }
      case 'punct':
        if (t.text === '[') return this.postfix(this.parseArray());
        if (t.text === '{') return this.postfix(this.parseBrace());
        if (t.text === '(') {
          this.next();
          const inner = this.nested(false, () => this.parseMembership());
          this.expect(')');
          return this.postfix(inner);
        }
        if (t.text === '-') {
          this.next();
          if (this.tok.kind === 'number' && !this.tok.spaceBefore) {
            const n = this.next();
            return this.postfix({ type: 'scalar', value: parseNumberLiteral('-' + n.text), loc });
          }
          // As in OPA's parser: `-` applies to a number literal or a reference (`-x` is `0 - x`), nothing else.
          const operand = this.tok;
          if (operand.kind !== 'ident' || ['true', 'false', 'null'].includes(operand.text)) this.fail(`unexpected ${this.describe(operand)}: expected number`);
          return this.call('minus', [{ type: 'scalar', value: 0, loc }, this.parsePrimary()], loc, '-');
        }
        break;
      default:
        break;
    }
    return this.fail(`unexpected ${this.describe(t)}`);
  }

  private postfix(term: Term): Term {
    for (;;) {
      if (this.tok.spaceBefore) return term;
      if (this.is('.')) {
        const dot = this.next();
        const name = this.tok;
        if (name.kind !== 'ident' || name.spaceBefore) this.fail('expected ident after "."', dot);
        this.next();
        term = this.extend(term, { type: 'scalar', value: name.text, loc: this.loc(name) });
      } else if (this.is('[')) {
        this.next();
        const index = this.nested(false, () => this.parseTermIn());
        this.expect(']');
        term = this.extend(term, index);
      } else if (this.is('(') && (term.type === 'var' || (term.type === 'ref' && term.head.type === 'var'))) {
        this.next();
        const args = this.nested(false, () => this.parseList(')'));
        term = { type: 'call', fn: term, args, loc: term.loc };
      } else {
        return term;
      }
    }
  }

  private extend(term: Term, element: Term): RefTerm {
    if (term.type === 'ref') return { type: 'ref', head: term.head, path: [...term.path, element], loc: term.loc };
    return { type: 'ref', head: term, path: [element], loc: term.loc };
  }

  private parseList(close: string): Term[] {
    const items: Term[] = [];
    while (!this.is(close)) {
      items.push(this.parseTermIn());
      if (!this.accept(',')) break;
    }
    this.expect(close);
    return items;
  }

  /** At `|`: the comprehension body up to close, or undefined (position unspecified) when it is not one. */
  private tryComprehensionBody(close: string): Body | undefined {
    this.next();
    try {
      const body = this.parseBodyUntil(close);
      this.expect(close);
      return body;
    } catch (e) {
      if (e instanceof ParseAbort) return undefined;
      throw e;
    }
  }

  /**
   * The head of a possible comprehension: like OPA, a single term (with its refs and calls), so
   * `[q & {1} | {true}]` is an array holding `q & {1} | {true}`, while `{1 | 1}` is a set comprehension.
   * Undefined (position unspecified) when no single term starts here.
   */
  private tryComprehensionHead(): Term | undefined {
    try {
      return this.parsePrimary();
    } catch (e) {
      if (e instanceof ParseAbort) return undefined;
      throw e;
    }
  }

  private parseArray(): Term {
    const loc = this.loc();
    this.next();
    return this.nested(false, () => {
      if (this.accept(']')) return { type: 'array', items: [], loc };
      const start = this.pos;
      const head = this.tryComprehensionHead();
      if (head && this.is('|')) {
        const compr = this.tryComprehensionBody(']');
        if (compr) return { type: 'arraycompr', term: head, body: compr, loc };
      }
      this.pos = start;
      const items = [this.parseTermIn()];
      while (this.accept(',')) {
        if (this.is(']')) break;
        items.push(this.parseTermIn());
      }
      this.expect(']');
      return { type: 'array', items, loc };
    });
  }

  private parseBrace(): Term {
    const loc = this.loc();
    this.next();
    return this.nested(false, (): Term => {
      if (this.accept('}')) return { type: 'object', entries: [], loc };
      const start = this.pos;
      const head = this.tryComprehensionHead();
      if (head && this.is('|')) {
        const compr = this.tryComprehensionBody('}');
        if (compr) return { type: 'setcompr', term: head, body: compr, loc };
      }
      // An object's first key may be any term (`{a + 1: b | ...}` is still a comprehension).
      let first: Term;
      if (head && this.is(':')) {
        first = head;
      } else {
        this.pos = start;
        first = this.parseTermIn();
      }
      if (this.accept(':')) {
        const valueStart = this.pos;
        const value = this.tryComprehensionHead();
        if (value && this.is('|')) {
          const compr = this.tryComprehensionBody('}');
          if (compr) return { type: 'objectcompr', key: first, value, body: compr, loc };
        }
        this.pos = valueStart;
        const entries: Array<[Term, Term]> = [[first, this.parseTermIn()]];
        while (this.accept(',')) {
          if (this.is('}')) break;
          const k = this.parseTermIn();
          this.expect(':');
          entries.push([k, this.parseTermIn()]);
        }
        this.expect('}');
        return { type: 'object', entries, loc };
      }
      const items = [first];
      while (this.accept(',')) {
        if (this.is('}')) break;
        items.push(this.parseTermIn());
      }
      this.expect('}');
      return { type: 'set', items, loc };
    });
  }
}
