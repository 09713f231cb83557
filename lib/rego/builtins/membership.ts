/** Membership (`x in xs`, `k, v in xs`) and `walk`, which the evaluator relies on. */
import { RegoObject, RegoSet, Value, equal, isArray, isObject, isSet } from '../value';
import { T, defineBuiltin } from './registry';

defineBuiltin({
  name: 'internal.member_2',
  args: [T.any, T.any],
  exactNumbers: true,
  fn: ([x, xs]) => {
    if (isArray(xs)) return xs.some((m) => equal(m, x));
    if (isSet(xs)) return xs.has(x);
    if (isObject(xs)) return xs.values().some((m) => equal(m, x));
    return false;
  },
});

defineBuiltin({
  name: 'internal.member_3',
  args: [T.any, T.any, T.any],
  exactNumbers: true,
  fn: ([k, x, xs]) => {
    if (isArray(xs)) {
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= xs.length) return false;
      return equal(xs[k], x);
    }
    if (isObject(xs)) {
      const m = xs.get(k);
      return m !== undefined && equal(m, x);
    }
    return false;
  },
});

function walk(v: Value, path: Value[], out: Value[]): void {
  out.push([path.slice(), v]);
  if (isArray(v)) v.forEach((x, i) => walk(x, [...path, i], out));
  else if (v instanceof RegoObject) for (const [k, x] of v.sortedEntries()) walk(x, [...path, k], out);
  else if (v instanceof RegoSet) for (const x of v.sorted()) walk(x, [...path, x], out);
}

defineBuiltin({
  name: 'walk',
  args: [T.any],
  relation: true,
  fn: ([v]) => {
    const out: Value[] = [];
    walk(v, [], out);
    return out;
  },
});
