/**
 * Which terms have at most one value, so the interpreter can compute them directly instead of
 * through continuations: most calls and refs in real policies (`sprintf(...)`, `input.spec.replicas`,
 * `container[probe]` once `probe` is bound). A term iterates only through a variable without a value
 * in a ref path, a relation builtin, or `print`'s output; the first is known only at run time, so
 * the plan lists the path variables to check.
 */
import { IRTerm } from '../compiler/ir';

/** How to check at run time that a term has at most one value. */
export interface SingleValuedPlan {
  /** Frame slots used as ref path keys: the term is single-valued when all of them have values. */
  readonly pathVars: readonly number[];
}

const NONE: SingleValuedPlan = { pathVars: [] };

/** A term with its plan, once worked out (null: none); every compiled term has the field (uniform.ts). */
type PlannedTerm = IRTerm & { plan?: SingleValuedPlan | null };

/** The plan of a term, or undefined when it may have several values whatever the bindings. */
export function singleValued(t: IRTerm): SingleValuedPlan | undefined {
  let plan = (t as PlannedTerm).plan;
  if (plan === undefined) {
    plan = analyze(t) ?? null;
    (t as PlannedTerm).plan = plan;
  }
  return plan ?? undefined;
}

function analyze(t: IRTerm): SingleValuedPlan | undefined {
  switch (t.t) {
    case 'const': case 'var': case 'input': case 'data':
    case 'arraycompr': case 'setcompr': case 'objectcompr':
      return NONE;
    case 'ref': {
      const head = singleValued(t.head);
      if (!head) return undefined;
      const vars = [...head.pathVars];
      for (const p of t.path) {
        if (p.t === 'const') continue;
        if (p.t === 'var') {
          vars.push(p.slot);
          continue;
        }
        // A composite key is a pattern that may bind variables by iterating.
        if (p.t === 'array' || p.t === 'object' || p.t === 'set') return undefined;
        const inner = singleValued(p);
        if (!inner) return undefined;
        vars.push(...inner.pathVars);
      }
      return vars.length === 0 ? NONE : { pathVars: vars };
    }
    case 'array': case 'set':
      return all(t.items);
    case 'object':
      return all(t.entries.flat());
    case 'call':
      if (t.name === 'print' || t.output || t.builtin?.relation) return undefined;
      return all(t.args);
  }
}

function all(terms: readonly IRTerm[]): SingleValuedPlan | undefined {
  const vars: number[] = [];
  for (const x of terms) {
    const plan = singleValued(x);
    if (!plan) return undefined;
    vars.push(...plan.pathVars);
  }
  return vars.length === 0 ? NONE : { pathVars: vars };
}

/** True when the plan's path variables all have values in the frame. */
export function ready(plan: SingleValuedPlan, f: ReadonlyArray<unknown>): boolean {
  const vars = plan.pathVars;
  for (let i = 0; i < vars.length; i++) if (f[vars[i]] === undefined) return false;
  return true;
}
