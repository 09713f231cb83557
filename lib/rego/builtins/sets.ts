/** Set builtins: union, intersection and the `&` (and) and `|` (or) operators. */
import { RegoSet, Value } from '../value';
import { T, defineBuiltin } from './registry';

function intersect(a: RegoSet, b: RegoSet): RegoSet {
  const out = new RegoSet();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

function unite(sets: Iterable<Value>): RegoSet {
  const out = new RegoSet();
  for (const s of sets) for (const x of s as RegoSet) out.add(x);
  return out;
}

defineBuiltin({ name: 'and', args: [T.set, T.set], fn: ([a, b]) => intersect(a as RegoSet, b as RegoSet) });
// A union with an empty set is the other set (values are immutable once built): most unions in
// policies join findings, and most findings sets are empty.
defineBuiltin({ name: 'or', args: [T.set, T.set], fn: ([a, b]) => ((b as RegoSet).size === 0 ? a : (a as RegoSet).size === 0 ? b : unite([a, b])) });
defineBuiltin({ name: 'union', args: [T.setOf(T.set)], fn: ([s]) => unite(s as RegoSet) });

defineBuiltin({
  name: 'intersection',
  args: [T.setOf(T.set)],
  fn: ([s]) => {
    const sets = (s as RegoSet).values() as RegoSet[];
    if (sets.length === 0) return new RegoSet();
    return sets.slice(1).reduce(intersect, sets[0]);
  },
});
