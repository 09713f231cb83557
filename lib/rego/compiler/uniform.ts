/**
 * One hidden class for every IR term and one for every IR expression. The compiler builds terms
 * and literals as object literals of many shapes (`{t: 'const', v}`, `{t: 'ref', head, path}`,
 * spreads in the negation rewrite), so every read of `t.t` or `e.kind` in the interpreter went
 * through V8's megamorphic property lookup: measured at about 15% of the instructions of the
 * pod-security benchmark. Rebuilt here with the same fields in the same order, each read is a
 * monomorphic load. Nothing else changes: the rebuilt IR holds the same values (string constants
 * internalized, see internString).
 */
import { Value } from '../value';
import { IRBody, IRExpr, IRRule, IRTerm, IRWith } from './ir';

/** A term with every field any kind of term has (the ones its kind does not use are undefined). */
export function uniformTerm(t: IRTerm): IRTerm {
  const any = t as Partial<Record<string, unknown>>;
  const node = {
    t: t.t,
    v: t.t === 'const' ? internStrings(t.v) : undefined,
    slot: any.slot,
    name: any.name,
    path: t.t === 'ref' ? t.path.map(uniformTerm) : t.t === 'data' ? t.path.map(internString) : any.path,
    head: t.t === 'ref' ? uniformTerm(t.head) : undefined,
    items: t.t === 'array' || t.t === 'set' ? t.items.map(uniformTerm) : undefined,
    entries: t.t === 'object' ? t.entries.map(([k, v]) => [uniformTerm(k), uniformTerm(v)] as const) : undefined,
    term: t.t === 'arraycompr' || t.t === 'setcompr' ? uniformTerm(t.term) : undefined,
    key: t.t === 'objectcompr' ? uniformTerm(t.key) : undefined,
    value: t.t === 'objectcompr' ? uniformTerm(t.value) : undefined,
    body: t.t === 'arraycompr' || t.t === 'setcompr' || t.t === 'objectcompr' ? uniformBody(t.body) : undefined,
    captures: any.captures,
    builtin: any.builtin,
    fnPath: any.fnPath,
    args: t.t === 'call' ? t.args.map(uniformTerm) : undefined,
    output: t.t === 'call' && t.output !== undefined ? uniformTerm(t.output) : undefined,
    loc: any.loc,
    // Filled in by the interpreter on first use (single-valued.ts, calls.ts); declared here to keep one shape.
    plan: undefined,
    fnNode: undefined,
  };
  return node as unknown as IRTerm;
}

/**
 * The engine's own copy of a string (V8 "internalizes" property names). A constant key compared
 * with the keys of JSON input, or used to index it, then needs no lookup in the string table and
 * compares by identity.
 */
function internString(s: string): string {
  return Object.keys({ [s]: true })[0];
}

/** A constant with its strings, and those of its arrays (paths like `["spec", "template"]`), internalized. */
function internStrings(v: Value): Value {
  if (typeof v === 'string') return internString(v);
  if (Array.isArray(v)) return v.map(internStrings);
  return v;
}

/** A body of uniform literals. */
export function uniformBody(body: IRBody): IRBody {
  return body.map(uniformExpr);
}

function uniformExpr(e: IRExpr): IRExpr {
  const node = {
    kind: e.kind,
    negated: e.negated,
    with: e.with.map(uniformWith),
    loc: e.loc,
    term: e.kind === 'term' ? uniformTerm(e.term) : undefined,
    left: e.kind === 'unify' ? uniformTerm(e.left) : undefined,
    right: e.kind === 'unify' ? uniformTerm(e.right) : undefined,
    key: (e.kind === 'somein' || e.kind === 'every') && e.key !== undefined ? uniformTerm(e.key) : undefined,
    value: e.kind === 'somein' || e.kind === 'every' ? uniformTerm(e.value) : undefined,
    collection: e.kind === 'somein' ? uniformTerm(e.collection) : undefined,
    domain: e.kind === 'every' ? uniformTerm(e.domain) : undefined,
    body: e.kind === 'every' ? uniformBody(e.body) : undefined,
    captures: e.kind === 'every' ? e.captures : undefined,
    // The loop's index plan, filled in by the interpreter on first use (iteration-index.ts).
    loopPlan: undefined,
  };
  return node as unknown as IRExpr;
}

function uniformWith(w: IRWith): IRWith {
  return { ...w, value: uniformTerm(w.value) };
}

/** A rule (and its `else` chain) with uniform terms and literals. */
export function uniformRule(r: IRRule): IRRule {
  return {
    ...r,
    suffix: r.suffix.map(uniformTerm),
    key: r.key && uniformTerm(r.key),
    value: r.value && uniformTerm(r.value),
    args: r.args?.map(uniformTerm),
    body: uniformBody(r.body),
    else: r.else && uniformRule(r.else),
  };
}
