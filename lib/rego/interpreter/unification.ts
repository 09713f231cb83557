/** Unification of patterns (variables, arrays, objects) with values and with each other. */
import { IRTerm } from '../compiler/ir';
import { RegoObject, Value, equal, isArray, isObject } from '../value';
import { ready, singleValued } from './single-valued';
import type { Evaluator, Frame, K } from './evaluator';

/** True when t is (or holds in a pattern position) a variable without a value. */
export function patternUnbound(t: IRTerm, f: Frame): boolean {
  switch (t.t) {
    case 'var': return f[t.slot] === undefined;
    case 'array':
      for (const x of t.items) if (patternUnbound(x, f)) return true;
      return false;
    case 'object':
      for (const entry of t.entries) if (patternUnbound(entry[1], f)) return true;
      return false;
    default: return false;
  }
}

/** Unifies pattern with a value. */
export function unify(ev: Evaluator, p: IRTerm, v: Value, f: Frame, k: K): boolean {
  switch (p.t) {
    case 'var': {
      const cur = f[p.slot];
      if (cur !== undefined) return equal(cur, v) ? k() : false;
      f[p.slot] = v;
      try {
        return k();
      } finally {
        f[p.slot] = undefined;
      }
    }
    case 'const': return equal(p.v, v) ? k() : false;
    case 'array':
      if (!isArray(v) || v.length !== p.items.length) return false;
      return unifyItems(ev, p.items, v, 0, f, k);
    case 'object':
      if (!isObject(v) || v.size !== p.entries.length) return false;
      return unifyEntries(ev, p.entries, v, 0, f, k);
    default: return ev.evalTerm(p, f, equalTo(v, k));
  }
}

/**
 * The continuation that goes on when its value equals v. (A function of its own, so that unify
 * captures nothing: V8 allocates a function's closure context on every call when a closure in it
 * captures a parameter.)
 */
function equalTo(v: Value, k: K): (x: Value) => boolean {
  return (x) => (equal(x, v) ? k() : false);
}

/** Unifies each pattern with the value at the same index. */
export function unifyItems(ev: Evaluator, items: readonly IRTerm[], v: readonly Value[], i: number, f: Frame, k: K): boolean {
  if (i === items.length) return k();
  return unify(ev, items[i], v[i], f, () => unifyItems(ev, items, v, i + 1, f, k));
}

function unifyEntries(ev: Evaluator, entries: ReadonlyArray<readonly [IRTerm, IRTerm]>, v: RegoObject, i: number, f: Frame, k: K): boolean {
  if (i === entries.length) return k();
  return ev.evalTerm(entries[i][0], f, (key) => {
    const x = v.get(key);
    return x === undefined ? false : unify(ev, entries[i][1], x, f, () => unifyEntries(ev, entries, v, i + 1, f, k));
  });
}

/** Unifies two terms (either side may bind). */
export function unifyTerms(ev: Evaluator, a: IRTerm, b: IRTerm, f: Frame, k: K): boolean {
  if (!patternUnbound(b, f)) {
    const plan = singleValued(b);
    if (plan && ready(plan, f)) {
      const vb = ev.value(b, f);
      return vb === undefined ? false : unify(ev, a, vb, f, k);
    }
    return ev.evalTerm(b, f, unifiedWith(ev, a, f, k));
  }
  return unifyPatterns(ev, a, b, f, k);
}

/** The continuation that unifies pattern p with its value (see equalTo for why a function). */
function unifiedWith(ev: Evaluator, p: IRTerm, f: Frame, k: K): (v: Value) => boolean {
  return (v) => unify(ev, p, v, f, k);
}

/** unifyTerms when b holds an unbound variable. */
function unifyPatterns(ev: Evaluator, a: IRTerm, b: IRTerm, f: Frame, k: K): boolean {
  if (!patternUnbound(a, f)) return ev.evalTerm(a, f, unifiedWith(ev, b, f, k));
  if (a.t === 'array' && b.t === 'array') {
    if (a.items.length !== b.items.length) return false;
    const step = (i: number): boolean => (i === a.items.length ? k() : unifyTerms(ev, a.items[i], b.items[i], f, () => step(i + 1)));
    return step(0);
  }
  if (a.t === 'object' && b.t === 'object') {
    if (a.entries.length !== b.entries.length) return false;
    const step = (i: number): boolean => {
      if (i === a.entries.length) return k();
      return ev.evalTerm(a.entries[i][0], f, (key) => {
        const match = b.entries.find(([bk]) => bk.t === 'const' && equal(bk.v, key));
        return match ? unifyTerms(ev, a.entries[i][1], match[1], f, () => step(i + 1)) : false;
      });
    };
    return step(0);
  }
  throw ev.error('rego_unsafe_var_error', 'unification of two unbound values');
}
