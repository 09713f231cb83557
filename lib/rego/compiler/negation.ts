/**
 * What `not` negates, as OPA's compiler decides it. Before evaluation OPA rewrites every literal:
 * nested calls are lifted into literals of their own (RewriteExprTerms), in modules `a == b`
 * becomes the unification `a = b` (RewriteEquals), and references used as call arguments, as
 * keys inside references, or inside composite operands are bound to fresh variables by literals
 * placed before the one that uses them (RewriteDynamicTerms). Only the last literal keeps the
 * `not`, so `not f(input.missing)` is undefined (the lifted `input.missing` has no value), not true.
 *
 * For literals without `not` these rewrites change nothing observable, so only negated literals
 * are rewritten here (the interpreter then runs fewer literals on the common path).
 */
import { IRCall, IRExpr, IRTerm } from './ir';

/** How lifted values get a variable. */
export interface LiftContext {
  /** A fresh frame slot. */
  newSlot(): number;
  /** True in modules, where `==` literals are unifications (not in ad-hoc queries). */
  readonly rewriteEquals: boolean;
}

/** The literals that replace a negated literal: lifted values first, the negation last. */
export function rewriteNegation(e: IRExpr, ctx: LiftContext): IRExpr[] {
  // print's operands are closures in OPA (RewritePrintCalls), so nothing is lifted from them.
  if (!e.negated || e.kind === 'somein' || e.kind === 'every' || (e.kind === 'term' && e.term.t === 'call' && e.term.name === 'print')) return [e];
  const lifted: IRExpr[] = [];
  const lift = (term: IRTerm): IRTerm => {
    const slot = ctx.newSlot();
    const v: IRTerm = { t: 'var', slot, name: '_' };
    lifted.push({ kind: 'unify', negated: false, with: e.with, loc: e.loc, left: v, right: term });
    return v;
  };
  const calls = new CallLifter(lift);
  const dynamics = new DynamicLifter(lift);
  let out: IRExpr;
  if (e.kind === 'unify') {
    const left = calls.inner(e.left);
    const right = calls.inner(e.right);
    out = { ...e, left: dynamics.side(left), right: dynamics.side(right) };
  } else if (e.term.t === 'call') {
    const call = calls.operands(e.term);
    if (ctx.rewriteEquals && isEquality(call)) {
      out = { ...e, term: { ...call, args: [dynamics.side(call.args[0]), dynamics.side(call.args[1])] } };
    } else {
      out = { ...e, term: { ...call, args: call.args.map((a) => dynamics.operand(a)), output: call.output && dynamics.operand(call.output) } };
    }
  } else {
    out = { ...e, term: dynamics.side(calls.inner(e.term)) };
  }
  return lifted.length === 0 ? [e] : [...lifted, out];
}

/** `a == b` written as a literal: OPA's RewriteEquals turns it into `a = b` in modules. */
function isEquality(call: IRCall): boolean {
  return call.name === 'equal' && call.args.length === 2 && call.output === undefined;
}

/** RewriteExprTerms: every call nested in an operand is computed first. */
class CallLifter {
  constructor(private readonly lift: (t: IRTerm) => IRTerm) {}

  /** The literal's own call keeps its place; calls in its operands are lifted. */
  operands(call: IRCall): IRCall {
    return { ...call, args: call.args.map((a) => this.inner(a)), output: call.output && this.inner(call.output) };
  }

  inner(t: IRTerm): IRTerm {
    switch (t.t) {
      case 'call': return this.lift(this.operands(t));
      case 'ref': return { ...t, head: this.inner(t.head), path: t.path.map((p) => this.inner(p)) };
      case 'array': case 'set': return { ...t, items: t.items.map((x) => this.inner(x)) };
      case 'object': return { ...t, entries: t.entries.map(([k, v]) => [this.inner(k), this.inner(v)] as const) };
      default: return t;
    }
  }
}

/** RewriteDynamicTerms: references are bound to variables before the literal that uses them. */
class DynamicLifter {
  constructor(private readonly lift: (t: IRTerm) => IRTerm) {}

  /** A side of a unification (or a term literal): a reference stays, but its dynamic keys are lifted. */
  side(t: IRTerm): IRTerm {
    if (t.t === 'ref') return { ...t, path: t.path.map((p) => this.operand(p)) };
    if (t.t === 'input' || t.t === 'data') return t;
    return this.operand(t);
  }

  /** A call operand or a key: a reference is lifted whole (after its own keys). */
  operand(t: IRTerm): IRTerm {
    switch (t.t) {
      case 'ref': return this.lift({ ...t, path: t.path.map((p) => this.operand(p)) });
      case 'input': case 'data': return this.lift(t);
      case 'array': case 'set': return { ...t, items: t.items.map((x) => this.operand(x)) };
      case 'object': return { ...t, entries: t.entries.map(([k, v]) => [this.operand(k), this.operand(v)] as const) };
      default: return t;
    }
  }
}
