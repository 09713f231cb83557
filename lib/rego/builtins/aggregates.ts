/** Aggregates: count, sum, product, max, min, sort (and v0's deprecated all/any). */
import * as N from '../number';
import { RegoNumber } from '../number';
import { RegoObject, RegoSet, Value, compare, isArray, isNumber, isSet, typeName } from '../value';
import { T, defineBuiltin, operandError } from './registry';

const collection = T.oneOf(T.set, T.array);

function members(v: Value): readonly Value[] {
  return isArray(v) ? v : (v as RegoSet).sorted();
}

function numbers(v: Value): RegoNumber[] {
  const ms = members(v);
  for (const m of ms) if (!isNumber(m)) throw operandError(1, `${typeName(v)} of numbers`, v, `${typeName(v)} containing ${typeName(m)}`);
  return ms as RegoNumber[];
}

defineBuiltin({
  name: 'count',
  args: [T.oneOf(T.array, T.object, T.set, T.string)],
  fn: ([v]) => {
    if (typeof v === 'string') {
      let n = 0;
      for (const _ of v) n++;
      return n;
    }
    if (isArray(v)) return v.length;
    return (v as RegoObject | RegoSet).size;
  },
});

defineBuiltin({ name: 'sum', args: [collection], fn: ([v]) => numbers(v).reduce<RegoNumber>((acc, x) => N.add(acc, x), 0) });
defineBuiltin({ name: 'product', args: [collection], fn: ([v]) => numbers(v).reduce<RegoNumber>((acc, x) => N.mul(acc, x), 1) });

defineBuiltin({
  name: 'max',
  args: [collection],
  fn: ([v]) => members(v).reduce<Value | undefined>((best, x) => (best === undefined || compare(x, best) > 0 ? x : best), undefined),
});

defineBuiltin({
  name: 'min',
  args: [collection],
  fn: ([v]) => members(v).reduce<Value | undefined>((best, x) => (best === undefined || compare(x, best) < 0 ? x : best), undefined),
});

defineBuiltin({
  name: 'sort',
  args: [T.oneOf(T.array, T.set)],
  fn: ([v]) => (isSet(v) ? v.sorted() : [...(v as Value[])].sort(compare)),
});

defineBuiltin({
  name: 'all',
  args: [collection],
  deprecated: true,
  fn: ([v]) => members(v).every((x) => x === true),
});

defineBuiltin({
  name: 'any',
  args: [collection],
  deprecated: true,
  fn: ([v]) => members(v).some((x) => x === true),
});
