/**
 * Abstract syntax of Rego modules and queries. Every node carries its
 * location. The compiler annotates some nodes in place (`resolved` fields)
 * after parsing; the interpreter only reads.
 */
import { Location } from './errors';
import { AnyNumber } from './number';

/** A scalar literal. */
export interface ScalarTerm { readonly type: 'scalar'; readonly value: null | boolean | AnyNumber | string; readonly loc: Location }
/** A variable (also `input`, `data`, rule names before resolution). */
export interface VarTerm { readonly type: 'var'; readonly name: string; readonly loc: Location; /** Set by the compiler: slot in the rule's frame. */ slot?: number }
/** A reference `head.path[...]`; head is a var, a composite, a comprehension or a call. */
export interface RefTerm { readonly type: 'ref'; readonly head: Term; readonly path: Term[]; readonly loc: Location }
export interface ArrayTerm { readonly type: 'array'; readonly items: Term[]; readonly loc: Location }
export interface ObjectTerm { readonly type: 'object'; readonly entries: Array<[Term, Term]>; readonly loc: Location }
export interface SetTerm { readonly type: 'set'; readonly items: Term[]; readonly loc: Location }
export interface ArrayComprehension { readonly type: 'arraycompr'; readonly term: Term; readonly body: Body; readonly loc: Location }
export interface SetComprehension { readonly type: 'setcompr'; readonly term: Term; readonly body: Body; readonly loc: Location }
export interface ObjectComprehension { readonly type: 'objectcompr'; readonly key: Term; readonly value: Term; readonly body: Body; readonly loc: Location }

/** What a call resolves to (set by the compiler). */
export type CallTarget =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'function'; readonly path: readonly string[] };

/** A call `f(args)`; operators are calls too (`a + b` is `plus(a, b)`). */
export interface CallTerm {
  readonly type: 'call';
  /** The function as written: a var or a ref with string path (e.g. `strings.replace_n`, `data.lib.f`). */
  readonly fn: VarTerm | RefTerm;
  readonly args: Term[];
  readonly loc: Location;
  /** Operator text when written infix (`+`, `in`), for messages. */
  readonly operator?: string;
  /** Set by the compiler. */
  target?: CallTarget;
}

/** Any term. */
export type Term = ScalarTerm | VarTerm | RefTerm | ArrayTerm | ObjectTerm | SetTerm | ArrayComprehension | SetComprehension | ObjectComprehension | CallTerm;

/** `with target as value`. */
export interface WithModifier { readonly target: Term; readonly value: Term; readonly loc: Location }

interface ExprBase { readonly negated: boolean; readonly with: WithModifier[]; readonly loc: Location }
/** A term whose value must be defined and not false. */
export interface TermExpr extends ExprBase { readonly kind: 'term'; readonly term: Term }
/** `a = b` unification. */
export interface UnifyExpr extends ExprBase { readonly kind: 'unify'; readonly left: Term; readonly right: Term }
/** `a := b` declaration. */
export interface AssignExpr extends ExprBase { readonly kind: 'assign'; readonly left: Term; readonly right: Term }
/** `some x, y` declaration. */
export interface SomeDeclExpr extends ExprBase { readonly kind: 'some'; readonly vars: VarTerm[] }
/** `some [key,] value in collection`. */
export interface SomeInExpr extends ExprBase { readonly kind: 'somein'; readonly key?: Term; readonly value: Term; readonly collection: Term }
/** `every [key,] value in domain { body }`. */
export interface EveryExpr extends ExprBase { readonly kind: 'every'; readonly key?: VarTerm; readonly value: VarTerm; readonly domain: Term; readonly body: Body }

/** One literal of a body. */
export type Expr = TermExpr | UnifyExpr | AssignExpr | SomeDeclExpr | SomeInExpr | EveryExpr;

/** A conjunction of literals. */
export type Body = Expr[];

/** Rule head. */
export interface RuleHead {
  /** Name and ref path: `p.q[x]` is [scalar "p", scalar "q", var x]. */
  readonly ref: Term[];
  /** Function parameters (functions only). */
  readonly args?: Term[];
  /** Member of a multi-value (partial set) rule: `contains key` or v0's `p[key]`. */
  readonly key?: Term;
  /** Value; absent means `true`. */
  readonly value?: Term;
  /** Written with `:=`. */
  readonly assign: boolean;
  readonly loc: Location;
}

/** A rule definition (one body; `else` branches chain). */
export interface Rule {
  readonly kind: 'single' | 'multi' | 'function';
  readonly isDefault: boolean;
  readonly head: RuleHead;
  readonly body: Body;
  /** The `else` branch, tried when this body has no solution. */
  readonly else?: Rule;
  readonly loc: Location;
  /** Module the rule came from (set by the parser). */
  module?: Module;
}

/** `import data.x.y as z`. */
export interface Import { readonly path: RefTerm | VarTerm; readonly alias?: string; readonly loc: Location }

/** A parsed module. */
export interface Module {
  readonly file: string;
  /** Package path below `data`, e.g. ["kubernetes", "admission"]. */
  readonly packagePath: string[];
  readonly packageLoc: Location;
  readonly imports: Import[];
  readonly rules: Rule[];
  readonly regoVersion: 'v0' | 'v1';
}

/** Names of the ground (leading string) part of a ref's path. */
export function groundPrefix(path: readonly Term[]): string[] {
  const out: string[] = [];
  for (const t of path) {
    if (t.type !== 'scalar' || typeof t.value !== 'string') break;
    out.push(t.value);
  }
  return out;
}

/** Calls f on t and every term nested in it (not descending into closures when `closures` is false). */
export function walkTerm(t: Term, f: (t: Term) => void, closures = true): void {
  f(t);
  switch (t.type) {
    case 'ref': walkTerm(t.head, f, closures); for (const p of t.path) walkTerm(p, f, closures); break;
    case 'array': case 'set': for (const x of t.items) walkTerm(x, f, closures); break;
    case 'object': for (const [k, v] of t.entries) { walkTerm(k, f, closures); walkTerm(v, f, closures); } break;
    case 'call': walkTerm(t.fn, f, closures); for (const a of t.args) walkTerm(a, f, closures); break;
    case 'arraycompr': case 'setcompr':
      if (closures) { walkTerm(t.term, f, closures); walkBody(t.body, f, closures); }
      break;
    case 'objectcompr':
      if (closures) { walkTerm(t.key, f, closures); walkTerm(t.value, f, closures); walkBody(t.body, f, closures); }
      break;
    default: break;
  }
}

/** Calls f on every term of every literal of body. */
export function walkBody(body: Body, f: (t: Term) => void, closures = true): void {
  for (const e of body) walkExpr(e, f, closures);
}

/** Calls f on every term of one literal (including `with` modifiers). */
export function walkExpr(e: Expr, f: (t: Term) => void, closures = true): void {
  switch (e.kind) {
    case 'term': walkTerm(e.term, f, closures); break;
    case 'unify': case 'assign': walkTerm(e.left, f, closures); walkTerm(e.right, f, closures); break;
    case 'some': for (const v of e.vars) walkTerm(v, f, closures); break;
    case 'somein': if (e.key) walkTerm(e.key, f, closures); walkTerm(e.value, f, closures); walkTerm(e.collection, f, closures); break;
    case 'every':
      walkTerm(e.domain, f, closures);
      if (closures) { if (e.key) walkTerm(e.key, f, closures); walkTerm(e.value, f, closures); walkBody(e.body, f, closures); }
      break;
  }
  for (const w of e.with) { walkTerm(w.target, f, closures); walkTerm(w.value, f, closures); }
}
