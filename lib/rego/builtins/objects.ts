/**
 * object.* builtins (OPA topdown/object.go and subset.go).
 */
import { RegoObject, RegoSet, Value, compare, equal, isArray, isObject, isSet, typeName } from '../value';
import { BuiltinError, T, defineBuiltin, operandError } from './registry';

const keyCollection = { name: 'one of {object, set, array}', check: (v: Value) => isObject(v) || isSet(v) || isArray(v) };

/** OPA's getObjectKeysParam: keys given as an array, a set, or an object's keys. */
function keySet(v: Value): RegoSet {
  return new RegoSet(isObject(v) ? v.keys() : isSet(v) ? v.values() : (v as readonly Value[]));
}

/** Recursive merge where the right side wins unless both values are objects. */
function union(a: RegoObject, b: RegoObject): RegoObject {
  const out = new RegoObject(a.entries());
  for (const [k, v] of b.entries()) {
    const existing = a.get(k);
    out.set(k, existing !== undefined && isObject(existing) && isObject(v) ? union(existing, v) : v);
  }
  return out;
}

defineBuiltin({ name: 'object.union', args: [T.object, T.object], fn: ([a, b]) => union(a as RegoObject, b as RegoObject) });

defineBuiltin({
  name: 'object.union_n',
  args: [T.array],
  fn: ([objects]) => {
    const list = objects as readonly Value[];
    const bad = list.find((o) => !isObject(o));
    if (bad !== undefined) throw operandError(1, 'array of objects', objects, `array containing ${typeName(bad)}`);
    return (list as RegoObject[]).reduce((acc, o) => union(acc, o), new RegoObject());
  },
});

defineBuiltin({
  name: 'object.remove',
  args: [T.object, keyCollection],
  fn: ([object, keys]) => {
    const remove = keySet(keys);
    return new RegoObject([...(object as RegoObject).entries()].filter(([k]) => !remove.has(k)));
  },
});

defineBuiltin({
  name: 'object.filter',
  args: [T.object, keyCollection],
  fn: ([object, keys]) => {
    const keep = keySet(keys);
    return new RegoObject([...(object as RegoObject).entries()].filter(([k]) => keep.has(k)));
  },
});

defineBuiltin({
  name: 'object.get',
  args: [T.object, T.any, T.any],
  fn: ([object, key, fallback]) => {
    const obj = object as RegoObject;
    if (!isArray(key)) return obj.get(key) ?? fallback;
    let node: Value = obj;
    for (let i = 0; i < key.length; i++) {
      const next = child(node, key[i]);
      if (next === undefined) return fallback;
      node = next;
    }
    return node;
  },
});

/** One step of a path: object key, array index or set member. */
function child(node: Value, segment: Value): Value | undefined {
  if (isObject(node)) return node.get(segment);
  if (isArray(node)) return typeof segment === 'number' && Number.isInteger(segment) ? node[segment] : undefined;
  if (isSet(node)) return node.has(segment) ? segment : undefined;
  return undefined;
}

defineBuiltin({ name: 'object.keys', args: [T.object], fn: ([object]) => new RegoSet((object as RegoObject).keys()) });

const subsetOperand = { name: 'one of {object, set, array}', check: (v: Value) => isObject(v) || isSet(v) || isArray(v) };

defineBuiltin({
  name: 'object.subset',
  args: [subsetOperand, subsetOperand],
  fn: ([sup, sub]) => {
    const sameKind = typeName(sup) === typeName(sub) || (isArray(sup) && isSet(sub));
    if (!sameKind) throw new BuiltinError('both arguments object.subset must be of the same type or array and set');
    return isSubset(sup, sub);
  },
});

/** OPA's subset rules: objects recurse, sets by membership, arrays contiguous, array ⊇ set by membership. */
function isSubset(sup: Value, sub: Value): boolean {
  if (isObject(sup) && isObject(sub)) {
    return [...sub.entries()].every(([k, v]) => {
      const s = sup.get(k);
      return s !== undefined && isSubset(s, v);
    });
  }
  if (isSet(sup) && isSet(sub)) return sub.values().every((m) => sup.has(m));
  if (isArray(sup) && isSet(sub)) return sub.values().every((m) => sup.some((x) => equal(x, m)));
  if (isArray(sup) && isArray(sub)) {
    if (sub.length === 0) return true;
    for (let i = 0; i + sub.length <= sup.length; i++) if (sub.every((x, j) => equal(sup[i + j], x))) return true;
    return false;
  }
  return compare(sup, sub) === 0;
}
