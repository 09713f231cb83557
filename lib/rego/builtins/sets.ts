/** Set builtins: union, intersection and the `&` (and) and `|` (or) operators. */
import { RegoSet, Value } from '../value';
import { T, defineBuiltin } from './registry';

function intersect(a: RegoSet, b: RegoSet): RegoSet {
  const out = new RegoSet();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

/**
 * The union of sets. Values are immutable once built, so when at most one of the sets has members
 * the union is that set, and nothing is copied: most unions in policies join findings sets, and
 * most of those are empty.
 */
function unite(sets: Iterable<Value>): RegoSet {
  let result: RegoSet | undefined;
  let copied = false;
  for (const s of sets as Iterable<RegoSet>) {
    if (result === undefined || result.size === 0) result = s;
    else if (s.size > 0) {
      if (!copied) {
        result = new RegoSet(result);
        copied = true;
      }
      for (const x of s) result.add(x);
    }
  }
  return result ?? new RegoSet();
}

defineBuiltin({ name: 'and', args: [T.set, T.set], fn: ([a, b]) => intersect(a as RegoSet, b as RegoSet) });
defineBuiltin({ name: 'or', args: [T.set, T.set], fn: ([a, b]) => unite([a, b]) });
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
