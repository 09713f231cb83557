/**
 * Translation of AST bodies and terms to IR: resolves names through scopes
 * (locals get frame slots; rules, imports, input and data become roots),
 * resolves calls, folds ground composites, and orders each body for safety.
 */
import { Body, Expr, Term, VarTerm, walkTerm } from '../ast';
import { BuiltinSpec, getBuiltin } from '../builtins/registry';
import { Location, RegoErrorDetail } from '../errors';
import { RegoObject, RegoSet, Value } from '../value';
import { IRBody, IRExpr, IRTerm, IRWith, IRCallTarget, termSlots } from './ir';
import { rewriteNegation } from './negation';
import { orderBody } from './safety';
import { shapeMismatch } from './shapes';

/** What a non-local name refers to. */
export type GlobalRef = { readonly root: 'input' | 'data'; readonly path: readonly string[] };

/** Facts about the program the translator needs. */
export interface TranslateEnv {
  /** Non-local names visible in the module: rules of the package and import aliases. */
  readonly globals: ReadonlyMap<string, GlobalRef>;
  /** Arity of the user function at a data path, if one is defined there. */
  functionArity(path: readonly string[]): number | undefined;
  /**
   * For a single-value rule at a data path: whether `f()` may call it. OPA's type checker
   * accepts a call of a rule only when the rule's value has type `any` (see callableRules in index.ts).
   */
  ruleCall(path: readonly string[]): 'callable' | 'typed' | undefined;
  /** Module syntax version (deprecated builtins are errors in v1). */
  readonly regoVersion: 'v0' | 'v1';
  /** True for modules: `==` literals are unifications there (OPA's RewriteEquals), not in queries. */
  readonly rewriteEquals: boolean;
  readonly errors: RegoErrorDetail[];
  /** The builtins this program may call, by name (default: every registered builtin). */
  readonly builtin?: (name: string) => BuiltinSpec | undefined;
  /** The value of a call the compiler replaces by a constant (rego.metadata.*), when translating a rule. */
  constantCall?(name: string): Value | undefined;
}

/** A lexical scope: names to slots, chained to the enclosing scope. */
export class Scope {
  readonly names = new Map<string, number>();
  /** Names that closures cannot see yet: declared (`:=`, `some`) by the current literal or a later one. */
  hidden: ReadonlySet<string> = new Set();
  constructor(readonly frame: { size: number }, readonly parent?: Scope) {}

  lookup(name: string): number | undefined {
    return this.names.get(name) ?? this.parent?.lookupFromClosure(name);
  }

  private lookupFromClosure(name: string): number | undefined {
    const own = this.hidden.has(name) ? undefined : this.names.get(name);
    return own ?? this.parent?.lookupFromClosure(name);
  }

  declare(name: string): number {
    const slot = this.frame.size++;
    this.names.set(name, slot);
    return slot;
  }

  /** True when slot belongs to this scope (not an enclosing one). */
  owns(slot: number): boolean {
    for (const s of this.names.values()) if (s === slot) return true;
    return false;
  }
}

const ROOTS = new Set(['input', 'data']);

/** Translates rule parts and bodies of one module (or a query). */
export class Translator {
  constructor(private readonly env: TranslateEnv) {}

  /** Declares the names a body (plus extra head terms) uses, in scope. */
  declareBodyNames(scope: Scope, body: Body, extra: readonly Term[] = []): void {
    // `some x` of a name the body uses only inside closures declares nothing here: like OPA, each closure binds its own x.
    const usedHere = new Set<string>();
    for (const t of extra) walkExprNoFn({ kind: 'term', term: t, negated: false, with: [], loc: t.loc }, (v) => usedHere.add(v.name));
    for (const e of body) if (e.kind !== 'some') walkExprNoFn(e, (v) => usedHere.add(v.name));
    // OPA rejects declaring a name twice in one body ("var x assigned above" / "declared above").
    const declared = new Set<string>();
    const declare = (v: VarTerm, how: 'assigned' | 'declared'): void => {
      if (!v.name.startsWith('$') && declared.has(v.name)) this.env.errors.push({ code: 'rego_compile_error', message: `var ${v.name} ${how} above`, location: v.loc });
      declared.add(v.name);
      this.declareFresh(scope, v);
    };
    for (const e of body) {
      if (e.kind === 'some') for (const v of e.vars) if (usedHere.has(v.name)) declare(v, 'declared');
      if (e.kind === 'assign') {
        walkTerm(e.left, (t) => {
          if (t.type !== 'var') return;
          if (ROOTS.has(t.name)) this.env.errors.push({ code: 'rego_compile_error', message: `variables must not shadow ${t.name} (use a different variable name)`, location: t.loc });
          declare(t, 'assigned');
        }, false);
      }
      if (e.kind === 'somein') {
        // A name bound above makes `some x in xs` a membership test, so no redeclaration check here.
        if (e.key) walkTerm(e.key, (t) => t.type === 'var' && this.declareFresh(scope, t), false);
        walkTerm(e.value, (t) => t.type === 'var' && this.declareFresh(scope, t), false);
      }
    }
    const use = (t: VarTerm): void => {
      if (scope.lookup(t.name) === undefined && !ROOTS.has(t.name) && !this.env.globals.has(t.name)) scope.declare(t.name);
    };
    for (const t of extra) walkExprNoFn({ kind: 'term', term: t, negated: false, with: [], loc: t.loc }, use);
    for (const e of body) if (e.kind !== 'some') walkExprNoFn(e, use);
  }

  private declareFresh(scope: Scope, v: VarTerm): void {
    if (v.name.startsWith('$')) {
      scope.declare(v.name);
      return;
    }
    if (scope.names.has(v.name)) return;
    scope.declare(v.name);
  }

  /** Translates and orders a body whose names are declared in scope. */
  body(scope: Scope, body: Body, bound: ReadonlySet<number>): IRBody {
    const exprs: IRExpr[] = [];
    const declared = body.map(declaredNames);
    body.forEach((e, i) => {
      scope.hidden = new Set(declared.slice(i).flat());
      const ir = this.expr(scope, e);
      if (ir) exprs.push(ir);
    });
    scope.hidden = new Set();
    const ordered = orderBody(exprs, scope, bound, this.env.errors);
    const lift = { newSlot: () => scope.frame.size++, rewriteEquals: this.env.rewriteEquals };
    return ordered.some((e) => e.negated) ? ordered.flatMap((e) => rewriteNegation(e, lift)) : ordered;
  }

  /** Translates a closure body (comprehension) in a new child scope. */
  private closure(scope: Scope, body: Body, heads: readonly Term[]): { scope: Scope; body: IRBody; first: number } {
    const first = scope.frame.size;
    const child = new Scope(scope.frame, scope);
    this.declareBodyNames(child, body, heads);
    const outer = new Set<number>();
    for (let s: Scope | undefined = scope; s; s = s.parent) for (const slot of s.names.values()) outer.add(slot);
    return { scope: child, body: this.body(child, body, outer), first };
  }

  private expr(scope: Scope, e: Expr): IRExpr | undefined {
    const base = { negated: e.negated, with: e.with.map((w) => this.withModifier(scope, w.target, w.value, w.loc)), loc: e.loc };
    switch (e.kind) {
      case 'some': return undefined;
      case 'term': return { ...base, kind: 'term', term: e.term.type === 'call' ? this.call(scope, e.term, true) : this.term(scope, e.term) };
      case 'unify': case 'assign': {
        const left = this.term(scope, e.left);
        const right = this.term(scope, e.right);
        const mismatch = shapeMismatch(left, right);
        if (mismatch) this.env.errors.push({ code: 'rego_type_error', message: `match error: cannot unify ${mismatch}`, location: e.loc });
        return { ...base, kind: 'unify', left, right };
      }
      case 'somein': return { ...base, kind: 'somein', key: e.key && this.term(scope, e.key), value: this.term(scope, e.value), collection: this.term(scope, e.collection) };
      case 'every': {
        const first = scope.frame.size;
        const child = new Scope(scope.frame, scope);
        const key = e.key ? child.declare(e.key.name) : undefined;
        const value = child.declare(e.value.name);
        this.declareBodyNames(child, e.body);
        const outer = new Set<number>([value, ...(key === undefined ? [] : [key])]);
        for (let s: Scope | undefined = scope; s; s = s.parent) for (const slot of s.names.values()) outer.add(slot);
        const body = this.body(child, e.body, outer);
        return {
          ...base,
          kind: 'every',
          key: key === undefined ? undefined : { t: 'var', slot: key, name: e.key!.name },
          value: { t: 'var', slot: value, name: e.value.name },
          domain: this.term(scope, e.domain),
          body,
          captures: capturedSlots(body, first),
        };
      }
    }
  }

  private withModifier(scope: Scope, target: Term, value: Term, loc: Location): IRWith {
    const valueFn = this.callTarget(scope, value);
    const v: IRTerm = valueFn ? { t: 'const', v: null } : this.term(scope, value);
    const path = refPath(target);
    if (path) {
      const g = path[0] === 'input' || path[0] === 'data' ? undefined : this.env.globals.get(path[0]);
      const root = g ? g.root : path[0];
      const full = g ? [...g.path, ...path.slice(1)] : path.slice(1);
      if (root === 'data' && this.env.functionArity(full) !== undefined) return { target: { kind: 'function', name: 'data.' + full.join('.') }, value: v, valueFn, loc };
      if (root === 'input' || root === 'data') return { target: { kind: root, path: full }, value: v, loc };
      const name = path.join('.');
      if (this.builtin(name) || name === 'print') return { target: { kind: 'function', name }, value: v, valueFn, loc };
    }
    this.env.errors.push({ code: 'rego_compile_error', message: 'with keyword target must reference existing input, data, or a function', location: loc });
    return { target: { kind: 'input', path: [] }, value: v, loc };
  }

  /** A function/builtin named by a term used as a `with` value, if it names one. */
  private callTarget(scope: Scope, t: Term): IRCallTarget | undefined {
    const path = refPath(t);
    if (!path || (t.type === 'var' && scope.lookup(t.name) !== undefined)) return undefined;
    const resolved = this.resolveFunction(path);
    if (resolved?.fnPath) return { fnPath: resolved.fnPath, name: resolved.name };
    if (resolved?.builtin) return { builtin: resolved.builtin, name: resolved.name };
    return undefined;
  }

  private builtin(name: string): BuiltinSpec | undefined {
    return this.env.builtin ? this.env.builtin(name) : getBuiltin(name);
  }

  private resolveFunction(path: readonly string[]): { fnPath?: string[]; builtin?: BuiltinSpec; rulePath?: string[]; name: string } | undefined {
    const head = path[0];
    let dataPath: string[] | undefined;
    if (head === 'data') dataPath = path.slice(1);
    else {
      const g = this.env.globals.get(head);
      if (g && g.root === 'data') dataPath = [...g.path, ...path.slice(1)];
    }
    if (dataPath && this.env.functionArity(dataPath) !== undefined) return { fnPath: dataPath, name: 'data.' + dataPath.join('.') };
    if (dataPath && this.env.ruleCall(dataPath) !== undefined) return { rulePath: dataPath, name: 'data.' + dataPath.join('.') };
    const name = path.join('.');
    const builtin = this.builtin(name);
    if (builtin) return { builtin, name };
    return undefined;
  }

  /** Translates a term. */
  term(scope: Scope, t: Term): IRTerm {
    switch (t.type) {
      case 'scalar': return { t: 'const', v: t.value };
      case 'var': return this.varTerm(scope, t);
      case 'ref': {
        const head = this.term(scope, t.head);
        const path = t.path.map((p) => this.term(scope, p));
        if (head.t === 'data') {
          const ground = [...head.path];
          let i = 0;
          while (i < path.length) {
            const p = path[i];
            if (p.t !== 'const' || typeof p.v !== 'string') break;
            ground.push(p.v);
            i++;
          }
          const rest = path.slice(i);
          const root: IRTerm = { t: 'data', path: ground };
          return rest.length === 0 ? root : { t: 'ref', head: root, path: rest };
        }
        if (head.t === 'ref') return { t: 'ref', head: head.head, path: [...head.path, ...path] };
        return { t: 'ref', head, path };
      }
      case 'array': return fold({ t: 'array', items: t.items.map((x) => this.term(scope, x)) });
      case 'set': return fold({ t: 'set', items: t.items.map((x) => this.term(scope, x)) });
      case 'object': return fold({ t: 'object', entries: t.entries.map(([k, v]) => [this.term(scope, k), this.term(scope, v)] as const) });
      case 'arraycompr': case 'setcompr': {
        const c = this.closure(scope, t.body, [t.term]);
        const term = this.term(c.scope, t.term);
        return { t: t.type, term, body: c.body, captures: capturedSlots(c.body, c.first, [term]) };
      }
      case 'objectcompr': {
        const c = this.closure(scope, t.body, [t.key, t.value]);
        const key = this.term(c.scope, t.key);
        const value = this.term(c.scope, t.value);
        return { t: 'objectcompr', key, value, body: c.body, captures: capturedSlots(c.body, c.first, [key, value]) };
      }
      case 'call': return this.call(scope, t);
    }
  }

  private varTerm(scope: Scope, t: VarTerm): IRTerm {
    const slot = scope.lookup(t.name);
    if (slot !== undefined) return { t: 'var', slot, name: t.name };
    if (t.name === 'input') return { t: 'input' };
    if (t.name === 'data') return { t: 'data', path: [] };
    const g = this.env.globals.get(t.name);
    if (g) {
      if (g.root === 'data') return { t: 'data', path: g.path };
      return g.path.length === 0 ? { t: 'input' } : { t: 'ref', head: { t: 'input' }, path: g.path.map((p) => ({ t: 'const', v: p })) };
    }
    // Not declared by the pre-pass (e.g. a name only used as a call): make it local.
    return { t: 'var', slot: scope.declare(t.name), name: t.name };
  }

  /** A call; only a literal's own call (`f(x, out)`, top) may pass one extra argument for the result. */
  private call(scope: Scope, t: Extract<Term, { type: 'call' }>, top = false): IRTerm {
    const path = refPath(t.fn);
    const name = path ? path.join('.') : '?';
    const args = t.args.map((a) => this.term(scope, a));
    if (name === 'print') return { t: 'call', name, args, loc: t.loc };
    const resolved = path ? this.resolveFunction(path) : undefined;
    if (resolved?.rulePath) {
      // `f()` of a rule whose value OPA types as `any` evaluates the rule; otherwise OPA's type error.
      if (args.length === 0 && this.env.ruleCall(resolved.rulePath) === 'callable') return { t: 'data', path: resolved.rulePath };
      this.env.errors.push({ code: 'rego_type_error', message: `undefined function ${resolved.name}`, location: t.loc });
      return { t: 'call', name, args, loc: t.loc };
    }
    if (!resolved) {
      this.env.errors.push({ code: 'rego_type_error', message: `undefined function ${name}`, location: t.loc });
      return { t: 'call', name, args, loc: t.loc };
    }
    const constant = resolved.builtin && args.length === 0 ? this.env.constantCall?.(resolved.name) : undefined;
    if (constant !== undefined) return { t: 'const', v: constant };
    const arity = resolved.fnPath ? this.env.functionArity(resolved.fnPath)! : resolved.builtin!.args.length;
    const variadic = resolved.builtin?.variadic === true;
    if (!variadic && !top && args.length === arity + 1) {
      // OPA lifts a nested call into its own literal with a fresh result variable: one argument too many.
      this.env.errors.push({ code: 'rego_type_error', message: `${resolved.name}: too many arguments`, location: t.loc });
    } else if (!variadic && args.length !== arity && args.length !== arity + 1) {
      this.env.errors.push({ code: 'rego_type_error', message: `${t.operator ? `operator ${t.operator}` : resolved.name}: arity mismatch: have ${args.length} arguments, want ${arity}`, location: t.loc });
    }
    if (resolved.builtin?.deprecated && this.env.regoVersion === 'v1') {
      this.env.errors.push({ code: 'rego_type_error', message: `deprecated built-in function calls in expression: ${resolved.name}`, location: t.loc });
    }
    const output = !variadic && args.length === arity + 1 ? args[arity] : undefined;
    return { t: 'call', name: resolved.name, builtin: resolved.builtin, fnPath: resolved.fnPath, args: output ? args.slice(0, arity) : args, output, loc: t.loc };
  }
}

/** Visits the vars of a literal outside closures, skipping function names and `with` targets. */
function walkExprNoFn(e: Expr, f: (t: VarTerm) => void): void {
  const visit = (t: Term): void => {
    switch (t.type) {
      case 'var': f(t); break;
      case 'ref': visit(t.head); t.path.forEach(visit); break;
      case 'array': case 'set': t.items.forEach(visit); break;
      case 'object': for (const [k, v] of t.entries) { visit(k); visit(v); } break;
      case 'call': t.args.forEach(visit); break;
      default: break;
    }
  };
  switch (e.kind) {
    case 'term': visit(e.term); break;
    case 'unify': case 'assign': visit(e.left); visit(e.right); break;
    case 'some': e.vars.forEach(visit); break;
    case 'somein': if (e.key) visit(e.key); visit(e.value); visit(e.collection); break;
    case 'every': visit(e.domain); break;
  }
  // A `with` value naming a function (`with count as my_count`) is not a variable.
  for (const w of e.with) if (!refPath(w.value)) visit(w.value);
}

/** Path of a var or a ref with string path, e.g. ["strings", "replace_n"]. */
export function refPath(t: Term): string[] | undefined {
  if (t.type === 'var') return [t.name];
  if (t.type !== 'ref' || t.head.type !== 'var') return undefined;
  const out = [t.head.name];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
    out.push(p.value);
  }
  return out;
}

/** Slots of enclosing scopes (allocated before `first`) that a closure uses. */
function capturedSlots(body: IRBody, first: number, heads: readonly IRTerm[] = []): number[] {
  const out = new Set<number>();
  const add = (slots: number[]): void => slots.forEach((s) => s < first && out.add(s));
  for (const h of heads) add(deepSlots(h));
  for (const e of body) add(exprSlots(e));
  return [...out];
}

function deepSlots(t: IRTerm): number[] {
  const out = termSlots(t);
  const visit = (x: IRTerm): void => {
    switch (x.t) {
      case 'ref': visit(x.head); x.path.forEach(visit); break;
      case 'array': case 'set': x.items.forEach(visit); break;
      case 'object': x.entries.forEach(([k, v]) => { visit(k); visit(v); }); break;
      case 'call': x.args.forEach(visit); if (x.output) visit(x.output); break;
      case 'arraycompr': case 'setcompr': case 'objectcompr': out.push(...x.captures); break;
      default: break;
    }
  };
  visit(t);
  return out;
}

function exprSlots(e: IRExpr): number[] {
  const out: number[] = [];
  switch (e.kind) {
    case 'term': out.push(...deepSlots(e.term)); break;
    case 'unify': out.push(...deepSlots(e.left), ...deepSlots(e.right)); break;
    case 'somein': if (e.key) out.push(...deepSlots(e.key)); out.push(...deepSlots(e.value), ...deepSlots(e.collection)); break;
    case 'every': out.push(...deepSlots(e.domain), ...e.captures); break;
  }
  for (const w of e.with) out.push(...deepSlots(w.value));
  return out;
}

/** Names a literal declares (`:=` targets, `some` variables). */
function declaredNames(e: Expr): string[] {
  const out: string[] = [];
  const collect = (t: Term): void => walkTerm(t, (x) => x.type === 'var' && out.push(x.name), false);
  if (e.kind === 'assign') collect(e.left);
  if (e.kind === 'some') e.vars.forEach(collect);
  if (e.kind === 'somein') { if (e.key) collect(e.key); collect(e.value); }
  return out;
}

/** Replaces a composite whose members are all constants by its value. */
function fold(t: IRTerm): IRTerm {
  if (t.t === 'array') return t.items.every(isConst) ? { t: 'const', v: t.items.map(constValue) } : t;
  if (t.t === 'set') return t.items.every(isConst) ? { t: 'const', v: new RegoSet(t.items.map(constValue)) } : t;
  if (t.t === 'object' && t.entries.every(([k, v]) => isConst(k) && isConst(v))) {
    const o = new RegoObject();
    for (const [k, v] of t.entries) o.set(constValue(k), constValue(v));
    return { t: 'const', v: o };
  }
  return t;
}

function isConst(t: IRTerm): boolean {
  return t.t === 'const';
}

function constValue(t: IRTerm): Value {
  return (t as { v: Value }).v;
}
