/** Parser of modules: package, imports and rules (Rego v1, or v0 with its older rule forms). */
import { Body, Import, Module, RefTerm, Rule, RuleHead, Term, VarTerm } from '../ast';
import { Location } from '../errors';
import { Token } from '../lexer';
import { FUTURE_KEYWORDS, ParseAbort } from './stream';
import { TermParser } from './terms';

/** Parses one module's tokens. */
export class ModuleParser extends TermParser {
  /** Syntax in force: v0 modules switch to v1 at `import rego.v1`, as in OPA. */
  private version: 'v0' | 'v1';

  constructor(tokens: Token[], file: string, version: 'v0' | 'v1') {
    super(tokens, file, version === 'v1' ? FUTURE_KEYWORDS : []);
    this.version = version;
  }

  /** The whole module. */
  parseModule(): Module {
    const pkgTok = this.tok;
    if (!this.acceptKeyword('package')) this.fail(`expected package keyword but got ${this.describe(this.tok)}`);
    const packagePath = this.parseDottedPath('package');
    if (packagePath[0] === 'data') this.fail('package path must not start with data', pkgTok);
    const imports: Import[] = [];
    const rules: Rule[] = [];
    while (this.tok.kind !== 'eof') {
      if (this.isKeyword('import')) {
        imports.push(this.parseImport());
        continue;
      }
      rules.push(...this.parseRule());
    }
    const module: Module = { file: this.file, packagePath, packageLoc: this.loc(pkgTok), imports, rules, regoVersion: this.version };
    for (const r of rules) for (let x: Rule | undefined = r; x; x = x.else) x.module = module;
    return module;
  }

  private parseDottedPath(what: string): string[] {
    const first = this.tok;
    if (first.kind !== 'ident' || this.isKeywordToken(first)) this.fail(`expected ${what} path but got ${this.describe(first)}`);
    this.next();
    const path = [first.text];
    for (;;) {
      if (this.is('.') && !this.tok.spaceBefore) {
        this.next();
        if (this.tok.kind !== 'ident') this.fail(`expected ident in ${what} path`);
        path.push(this.next().text);
      } else if (this.is('[') && !this.tok.spaceBefore) {
        this.next();
        if (this.tok.kind !== 'string') this.fail(`expected string in ${what} path`);
        path.push(this.next().value ?? '');
        this.expect(']');
      } else {
        return path;
      }
    }
  }

  private parseImport(): Import {
    const loc = this.loc();
    this.next();
    const headTok = this.tok;
    const path = this.parseDottedPath('import');
    const root = path[0];
    if (root !== 'data' && root !== 'input' && root !== 'future' && root !== 'rego') {
      this.fail(`unexpected import path, must begin with one of: {data, future, input, rego}, got: ${root}`, headTok);
    }
    let alias: string | undefined;
    if (this.acceptKeyword('as')) {
      const a = this.tok;
      if (a.kind !== 'ident' || this.isKeywordToken(a)) this.fail(`expected alias name but got ${this.describe(a)}`);
      alias = this.next().text;
    }
    if (root === 'future') {
      if (path[1] !== 'keywords' || path.length > 3) this.fail(`unexpected future import ${path.join('.')}`, headTok);
      const kw = path[2];
      if (kw !== undefined && !FUTURE_KEYWORDS.includes(kw)) this.fail(`unexpected keyword, must be one of [${FUTURE_KEYWORDS.join(' ')}]`, headTok);
      for (const k of kw ? [kw] : FUTURE_KEYWORDS) this.keywords.add(k);
    }
    if (root === 'rego') {
      if (path.join('.') !== 'rego.v1') this.fail(`invalid import ${path.join('.')}, must be rego.v1`, headTok);
      for (const k of FUTURE_KEYWORDS) this.keywords.add(k);
      // The rest of the module follows v1's rules (`if` and `contains` required, deprecated builtins rejected).
      this.version = 'v1';
    }
    const headVar: VarTerm = { type: 'var', name: root, loc: this.loc(headTok) };
    const term: RefTerm | VarTerm = path.length === 1 ? headVar : { type: 'ref', head: headVar, path: path.slice(1).map((p) => ({ type: 'scalar', value: p, loc: headVar.loc })), loc: headVar.loc };
    return { path: term, alias, loc };
  }

  /** One rule statement; v0 may give several bodies, each a rule. */
  private parseRule(): Rule[] {
    const start = this.tok;
    const loc = this.loc(start);
    const isDefault = this.acceptKeyword('default');
    const head = this.parseHead(loc, isDefault);
    const kind: Rule['kind'] = head.args ? 'function' : head.key !== undefined ? 'multi' : 'single';
    if (isDefault) {
      if (head.value === undefined) this.fail('default rules must have a value assigned', start);
      const dynamic = dynamicPart(head.value);
      if (dynamic) this.fail(`illegal default rule (value cannot contain ${dynamic})`, start);
      return [{ kind, isDefault, head, body: [], loc }];
    }
    const bodies: Body[] = [];
    if (this.acceptKeyword('if')) {
      bodies.push(this.parseIfBody());
      while (this.is('{')) bodies.push(this.parseBraceBody());
    } else if (this.is('{')) {
      if (this.version === 'v1') this.fail('`if` keyword is required before rule body');
      bodies.push(this.parseBraceBody());
      while (this.is('{') && this.version === 'v0') bodies.push(this.parseBraceBody());
    }
    if (bodies.length === 0) {
      // A lone name is no rule (in v0, `deny contains x if {...}` without its import parses as `deny` first).
      if (head.ref.length === 1 && !head.args && head.key === undefined && head.value === undefined) this.fail('var cannot be used for rule name', start);
      bodies.push([]);
    }
    const rules: Rule[] = bodies.map((body) => ({ kind, isDefault, head, body, loc, else: undefined }));
    const elseChain = this.parseElse(head);
    if (elseChain) (rules[rules.length - 1] as { else?: Rule }).else = elseChain;
    return rules;
  }

  /** After `if`: a braced body, or one literal (which may itself start with `{`, e.g. a comprehension). */
  private parseIfBody(): Body {
    if (!this.is('{')) return [this.parseLiteral()];
    const save = this.pos;
    try {
      return this.parseBraceBody();
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      this.pos = save;
      try {
        return [this.parseLiteral()];
      } catch {
        throw e;
      }
    }
  }

  private parseBraceBody(): Body {
    this.expect('{');
    const body = this.parseBodyUntil('}');
    this.expect('}');
    return body;
  }

  private parseElse(head: RuleHead): Rule | undefined {
    if (!this.isKeyword('else')) return undefined;
    const loc = this.loc();
    this.next();
    let value: Term | undefined;
    let assign = head.assign;
    if (this.is('=') || this.is(':=')) {
      assign = this.next().text === ':=';
      value = this.parseTermIn();
    }
    let body: Body = [];
    if (this.acceptKeyword('if')) {
      body = this.parseIfBody();
    } else if (this.is('{')) {
      body = this.parseBraceBody();
    }
    const elseHead: RuleHead = { ...head, value, assign, loc };
    return { kind: head.args ? 'function' : 'single', isDefault: false, head: elseHead, body, loc, else: this.parseElse(head) };
  }

  private parseHead(loc: Location, isDefault: boolean): RuleHead {
    const nameTok = this.tok;
    if (nameTok.kind !== 'ident' || this.isKeywordToken(nameTok)) this.fail(`unexpected ${this.describe(nameTok)}: expected rule head`);
    this.next();
    const ref: Term[] = [{ type: 'scalar', value: nameTok.text, loc: this.loc(nameTok) }];
    let args: Term[] | undefined;
    let lastBracketed = false;
    for (;;) {
      if (this.tok.spaceBefore) break;
      if (this.is('.')) {
        this.next();
        const t = this.tok;
        if (t.kind !== 'ident') this.fail('expected ident in rule head');
        this.next();
        ref.push({ type: 'scalar', value: t.text, loc: this.loc(t) });
        lastBracketed = false;
      } else if (this.is('[')) {
        this.next();
        ref.push(this.nested(false, () => this.parseTermIn()));
        lastBracketed = true;
        this.expect(']');
      } else if (this.is('(')) {
        this.next();
        args = this.nested(false, () => {
          const list: Term[] = [];
          while (!this.is(')')) {
            list.push(this.parseTermIn());
            if (!this.accept(',')) break;
          }
          this.expect(')');
          return list;
        });
        // `f() = v` has no parameters: OPA makes it an ordinary rule named f.
        if (args.length === 0) args = undefined;
        break;
      } else {
        break;
      }
    }
    let key: Term | undefined;
    let value: Term | undefined;
    let assign = false;
    if (this.isKeyword('contains')) {
      if (args) this.fail('functions cannot use contains: return a set instead');
      this.next();
      key = this.parseTermIn();
    } else if (this.is('=') || this.is(':=')) {
      assign = this.next().text === ':=';
      value = this.parseTermIn();
    }
    if (!isDefault && key === undefined && value === undefined && !args && this.version === 'v0' && ref.length === 2 && lastBracketed) {
      // v0: `p[x] { ... }` is a partial set.
      return { ref: ref.slice(0, 1), key: ref[1], assign, loc };
    }
    return { ref, args, key, value, assign, loc };
  }
}

/** What makes a default value not a constant, as OPA names it (`var`, `ref`, `call`); comprehensions are allowed. */
function dynamicPart(t: Term): string | undefined {
  switch (t.type) {
    case 'var': return 'var';
    case 'ref': return 'ref';
    case 'call': return 'call';
    case 'array': case 'set': return t.items.map(dynamicPart).find((x) => x !== undefined);
    case 'object': return t.entries.flat().map(dynamicPart).find((x) => x !== undefined);
    default: return undefined;
  }
}
