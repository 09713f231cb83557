/** Indexing, iteration and path updates over values (what refs and `with` need). */
import { isInteger } from '../number';
import { RegoObject, RegoSet, Value, equal, isObject, typeName } from '../value';

/** v[key], or undefined. */
export function index(v: Value, key: Value): Value | undefined {
  if (v instanceof RegoObject) return v.get(key);
  if (Array.isArray(v)) {
    if (typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < v.length) return v[key];
    return undefined;
  }
  if (v instanceof RegoSet) return v.has(key) ? key : undefined;
  return undefined;
}

/**
 * Calls f(key, value) for each member (array: index; set: member twice); stops when f returns true.
 * Object keys and set members come in OPA's sorted order, as OPA iterates them.
 */
export function iterate(v: Value, f: (key: Value, value: Value) => boolean): boolean {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (f(i, v[i])) return true;
  } else if (v instanceof RegoObject) {
    const entries = v.sortedEntries();
    for (let i = 0; i < entries.length; i++) if (f(entries[i][0], entries[i][1])) return true;
  } else if (v instanceof RegoSet) {
    const members = v.sorted();
    for (let i = 0; i < members.length; i++) if (f(members[i], members[i])) return true;
  }
  return false;
}

/** A copy of doc with value placed at path, creating objects on the way. */
export function setIn(doc: Value | undefined, path: readonly Value[], value: Value): Value {
  if (path.length === 0) return value;
  const base = doc instanceof RegoObject ? doc : new RegoObject();
  const out = new RegoObject(base.entries());
  out.set(path[0], setIn(base.get(path[0]), path.slice(1), value));
  return out;
}

/** Deep merge of two documents: objects merge key by key, otherwise b wins. */
export function merge(a: Value | undefined, b: Value): Value {
  if (!(a instanceof RegoObject) || !isObject(b)) return b;
  const out = new RegoObject(a.entries());
  for (const [k, v] of b.entries()) out.set(k, merge(out.get(k), v));
  return out;
}

/** Value at a path of string keys, or undefined. */
export function lookup(doc: Value | undefined, path: readonly string[], from = 0): Value | undefined {
  let v = doc;
  for (let i = from; i < path.length && v !== undefined; i++) v = index(v, path[i]);
  return v;
}

/** True when n is an integer number usable as an array index. */
export function isIndex(n: Value): boolean {
  return typeName(n) === 'number' && isInteger(n as number);
}

/** Adds a value to a list unless an equal one is there. */
export function addDistinct(list: Value[], v: Value): void {
  if (!list.some((x) => equal(x, v))) list.push(v);
}
