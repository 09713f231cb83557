/**
 * Runtime values of Rego documents.
 *
 * Scalars are JS primitives (numbers: see number.ts). Arrays are plain JS
 * arrays of values. Objects and sets are classes because their keys/members
 * may be any value. JSON input is wrapped lazily (`fromJSON`): an object's
 * members are converted only when a rule reads them, so evaluating a policy
 * on a large document does not copy it. Values are immutable once shared.
 */
import { AnyNumber, Decimal, RegoNumber, compareNumbers, formatNumber, numberKey, toFloat } from './number';
import { hashEntries, hashMembers, hashOf, hashPlainObject } from './value-hash';

/** Any Rego value. */
export type Value = null | boolean | RegoNumber | Decimal | string | readonly Value[] | RegoObject | RegoSet;

/** Names of value types, in OPA's order (null < boolean < number < string < array < object < set). */
export type TypeName = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'set';

const TYPE_RANK: Record<TypeName, number> = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6 };

/** The Rego type name of v (what `type_name` returns). */
export function typeName(v: Value): TypeName {
  switch (typeof v) {
    case 'boolean': return 'boolean';
    case 'number': case 'bigint': return 'number';
    case 'string': return 'string';
    default:
      if (v === null) return 'null';
      if (Array.isArray(v)) return 'array';
      if (v instanceof Decimal) return 'number';
      return v instanceof RegoSet ? 'set' : 'object';
  }
}

/** Type guards for builtins. */
/** Numbers; builtins never receive a Decimal (the evaluator passes its nearest float). */
export const isNumber = (v: Value): v is RegoNumber => typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal;
export const isString = (v: Value): v is string => typeof v === 'string';
export const isArray = (v: Value): v is readonly Value[] => Array.isArray(v);
export const isObject = (v: Value): v is RegoObject => v instanceof RegoObject;
export const isSet = (v: Value): v is RegoSet => v instanceof RegoSet;

/**
 * Canonical key of a value: equal values (by Rego equality) have equal keys.
 * Strings are their own key (the common case for object keys; the rare string
 * starting with a control character below \u0003 gets a \u0000 prefix); other values get a
 * prefix no string key starts with (\u0001; RegoSet uses \u0002 for collections).
 */
export function keyOf(v: Value): string {
  if (typeof v === 'string') return v.charCodeAt(0) > 2 || v === '' ? v : '\u0000' + v;
  return '\u0001' + canonical(v);
}

/** Canonical text of arrays with a collection inside (plain arrays cannot carry a field). */
const arrayKeys = new WeakMap<readonly Value[], string>();

function canonical(v: Value): string {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': case 'bigint': return numberKey(v);
    case 'boolean': return v ? 'true' : 'false';
    default:
      if (v === null) return 'null';
      if (v instanceof Decimal) return numberKey(v);
      if (Array.isArray(v)) return canonicalArray(v);
      // Sets and objects remember their text: members of sets (findings, manifests) are keyed again on every lookup.
      return (v as RegoObject | RegoSet).canonicalText();
  }
}

function canonicalArray(v: readonly Value[]): string {
  let text = arrayKeys.get(v);
  if (text === undefined) {
    text = '[' + v.map(canonical).join(',') + ']';
    if (v.some((x) => x !== null && typeof x === 'object')) arrayKeys.set(v, text);
  }
  return text;
}

/** Rego structural equality (1 == 1.0; sets and objects ignore order). */
export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta === 'string' || ta === 'boolean') return false;
  if (ta === 'number' || ta === 'bigint') return (typeof b === 'number' || typeof b === 'bigint') && compareNumbers(a as RegoNumber, b) === 0;
  if (a === null || b === null) return false;
  if (a instanceof Decimal || b instanceof Decimal) return isNumber(a) && isNumber(b) && compareNumbers(a, b) === 0;
  if (typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof RegoSet) {
    if (!(b instanceof RegoSet) || a.size !== b.size) return false;
    for (const x of a) if (!b.has(x)) return false;
    return true;
  }
  if (!(b instanceof RegoObject) || (a as RegoObject).size !== b.size) return false;
  for (const [k, x] of (a as RegoObject).entries()) {
    const y = b.get(k);
    if (y === undefined || !equal(x, y)) return false;
  }
  return true;
}

/** OPA's total order over values: negative, zero or positive. */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  const na = typeName(a);
  const nb = typeName(b);
  if (na !== nb) return TYPE_RANK[na] - TYPE_RANK[nb];
  switch (na) {
    case 'null': return 0;
    case 'boolean': return a === b ? 0 : a ? 1 : -1;
    case 'number': return compareNumbers(a as AnyNumber, b as AnyNumber);
    case 'string': return (a as string) < (b as string) ? -1 : 1;
    case 'array': return compareLists(a as readonly Value[], b as readonly Value[]);
    case 'set': return compareLists((a as RegoSet).sorted(), (b as RegoSet).sorted());
    default: {
      const ea = (a as RegoObject).sortedEntries();
      const eb = (b as RegoObject).sortedEntries();
      const n = Math.min(ea.length, eb.length);
      for (let i = 0; i < n; i++) {
        const c = compare(ea[i][0], eb[i][0]) || compare(ea[i][1], eb[i][1]);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
  }
}

function compareLists(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Sorts values in OPA order (returns a new array). */
export function sortValues(values: Iterable<Value>): Value[] {
  return [...values].sort(compare);
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A Rego object. Built with `set` before it is shared, or wrapped around a
 * plain JSON object whose members are converted on first read.
 */
export class RegoObject {
  private map: Map<string, [Value, Value]> | undefined;
  private plain: Record<string, unknown> | undefined;
  private cache: Map<string, Value> | undefined;
  private sortedCache: Array<[Value, Value]> | undefined;
  private keyText: string | undefined;
  private hash: number | undefined;

  constructor(entries?: Iterable<readonly [Value, Value]>) {
    this.map = new Map();
    if (entries) for (const [k, v] of entries) this.map.set(keyOf(k), [k, v]);
  }

  /** Wraps a plain JSON object without copying it. */
  static fromPlain(plain: Record<string, unknown>): RegoObject {
    const o: RegoObject = Object.create(RegoObject.prototype);
    o.map = undefined;
    o.plain = plain;
    o.cache = undefined;
    o.sortedCache = undefined;
    o.keyText = undefined;
    o.hash = undefined;
    return o;
  }

  /** Number of keys. */
  get size(): number {
    return this.map ? this.map.size : Object.keys(this.plain!).length;
  }

  /** Value at key, or undefined. */
  get(key: Value): Value | undefined {
    if (this.map) return this.map.get(keyOf(key))?.[1];
    if (typeof key !== 'string' || !hasOwn.call(this.plain, key)) return undefined;
    const raw = this.plain![key];
    if (raw === null || typeof raw !== 'object') return raw === undefined ? null : (raw as Value);
    let c = this.cache?.get(key);
    if (c === undefined) {
      c = fromJSON(raw);
      (this.cache ??= new Map()).set(key, c);
    }
    return c;
  }

  /** True when key is present. */
  has(key: Value): boolean {
    if (this.map) return this.map.has(keyOf(key));
    return typeof key === 'string' && hasOwn.call(this.plain, key);
  }

  /** Sets key to value; only while building a new object. */
  set(key: Value, value: Value): this {
    this.materialize().set(keyOf(key), [key, value]);
    this.sortedCache = undefined;
    this.keyText = undefined;
    this.hash = undefined;
    return this;
  }

  /** @internal Structural hash (see value-hash.ts), computed once; a plain object is hashed without converting it. */
  structuralHash(): number {
    return (this.hash ??= this.map ? hashEntries(this.map.values()) : hashPlainObject(this.plain!));
  }

  /** @internal Canonical text (see keyOf), computed once. */
  canonicalText(): string {
    return (this.keyText ??= '{' + this.sortedEntries().map(([k, x]) => canonical(k) + ':' + canonical(x)).join(',') + '}');
  }

  /** Entries in insertion order. */
  entries(): IterableIterator<[Value, Value]> {
    return this.materialize().values();
  }

  /** Keys in insertion order. */
  keys(): Value[] {
    if (!this.map) return Object.keys(this.plain!);
    return [...this.map.values()].map((e) => e[0]);
  }

  /** Values in insertion order. */
  values(): Value[] {
    return [...this.entries()].map((e) => e[1]);
  }

  /** Entries sorted by key in OPA order (cached). */
  sortedEntries(): Array<[Value, Value]> {
    return (this.sortedCache ??= [...this.entries()].sort((x, y) => compare(x[0], y[0])));
  }

  private materialize(): Map<string, [Value, Value]> {
    if (!this.map) {
      const m = new Map<string, [Value, Value]>();
      for (const k of Object.keys(this.plain!)) m.set(keyOf(k), [k, this.get(k)!]);
      this.map = m;
      this.plain = undefined;
      this.cache = undefined;
    }
    return this.map;
  }
}

/** A Rego set. Built with `add` before it is shared. */
export class RegoSet implements Iterable<Value> {
  /**
   * The member of a set of one, kept without a key: most sets that rules build hold no member or
   * one (a finding), and hashing a finding's text costs more than comparing it with `equal`.
   */
  private only: Value | undefined;
  /**
   * Members by key once there are two or more: scalars by keyOf; collections by structural hash
   * and a probe number, so that large members (whole manifests) are hashed once instead of
   * serialized on every lookup.
   */
  private map: Map<string, Value> | undefined;
  private sortedCache: Value[] | undefined;
  private keyText: string | undefined;
  private hash: number | undefined;

  constructor(members?: Iterable<Value>) {
    if (members) for (const m of members) this.add(m);
  }

  /** Number of members. */
  get size(): number {
    return this.map !== undefined ? this.map.size : this.only === undefined ? 0 : 1;
  }

  /** True when v is a member. */
  has(v: Value): boolean {
    if (this.map === undefined) return this.only !== undefined && equal(this.only, v);
    if (!isCollection(v)) return this.map.has(keyOf(v));
    const h = hashOf(v);
    for (let probe = 0; ; probe++) {
      const m = this.map.get(collectionKey(h, probe));
      if (m === undefined) return false;
      if (equal(m, v)) return true;
    }
  }

  /** Adds v; returns false when it was already present. Only while building. */
  add(v: Value): boolean {
    if (this.map === undefined) {
      if (this.only === undefined) {
        this.only = v;
        this.changed();
        return true;
      }
      if (equal(this.only, v)) return false;
      this.map = new Map();
      insert(this.map, this.only);
      this.only = undefined;
    }
    if (!insert(this.map, v)) return false;
    this.changed();
    return true;
  }

  private changed(): void {
    this.sortedCache = undefined;
    this.keyText = undefined;
    this.hash = undefined;
  }

  /** @internal Structural hash (see value-hash.ts), computed once. */
  structuralHash(): number {
    return (this.hash ??= hashMembers(this.map !== undefined ? this.map.values() : this.only === undefined ? [] : [this.only]));
  }

  /** @internal Canonical text (see keyOf), computed once. */
  canonicalText(): string {
    return (this.keyText ??= 's{' + this.sorted().map(canonical).join(',') + '}');
  }

  /** Members in OPA's sorted order (what iteration, builtins and output all see, as in OPA). */
  [Symbol.iterator](): IterableIterator<Value> {
    return this.sorted()[Symbol.iterator]();
  }

  /** Members in OPA's sorted order, as a new array. */
  values(): Value[] {
    return this.sorted().slice();
  }

  /** Members in OPA order (cached and shared: callers must not change the array). */
  sorted(): Value[] {
    return (this.sortedCache ??= this.map !== undefined ? [...this.map.values()].sort(compare) : this.only === undefined ? NO_MEMBERS : [this.only]);
  }
}

/** The members of every empty set (sorted() arrays are shared and never changed). */
const NO_MEMBERS: Value[] = [];

/** Adds v to a set's members by key; false when an equal member is there. */
function insert(map: Map<string, Value>, v: Value): boolean {
  let k: string;
  if (!isCollection(v)) {
    k = keyOf(v);
    if (map.has(k)) return false;
  } else {
    const h = hashOf(v);
    for (let probe = 0; ; probe++) {
      k = collectionKey(h, probe);
      const m = map.get(k);
      if (m === undefined) break;
      if (equal(m, v)) return false;
    }
  }
  map.set(k, v);
  return true;
}

function isCollection(v: Value): boolean {
  return v !== null && typeof v === 'object' && !(v instanceof Decimal);
}

/** A key equal values share (unequal collections may share one too: compare with `equal`). */
export function hashKey(v: Value): string {
  return isCollection(v) ? collectionKey(hashOf(v), 0) : keyOf(v);
}

/** Set key of a collection member: no keyOf text starts with \u0002. */
function collectionKey(hash: number, probe: number): string {
  return probe === 0 ? '\u0002' + hash : '\u0002' + hash + '#' + probe;
}

/**
 * Converts parsed JSON/YAML data to a value. Objects are wrapped lazily;
 * arrays of scalars are reused as they are. Unsupported JS values
 * (undefined, functions) become null like JSON.stringify would drop them.
 */
export function fromJSON(x: unknown): Value {
  switch (typeof x) {
    case 'string': case 'boolean': return x;
    case 'number': return x;
    case 'bigint': return x;
    case 'object': {
      if (x === null) return null;
      if (Array.isArray(x)) {
        let out: Value[] | undefined;
        for (let i = 0; i < x.length; i++) {
          const e = x[i];
          if (e !== null && typeof e === 'object') {
            out ??= x.slice(0, i) as Value[];
            out.push(fromJSON(e));
          } else if (out) out.push(fromJSON(e));
        }
        return out ?? (x as Value[]);
      }
      if (x instanceof RegoObject || x instanceof RegoSet || x instanceof Decimal) return x;
      if (x instanceof Date) return x.toISOString();
      return RegoObject.fromPlain(x as Record<string, unknown>);
    }
    default: return null;
  }
}

/**
 * Converts a value to plain JSON: sets become arrays sorted in OPA order,
 * object keys that are not strings become their JSON text, big integers stay
 * bigint (use `stringifyJSON` to print them).
 */
export function toJSON(v: Value): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Decimal) return toFloat(v);
  if (Array.isArray(v)) return v.map(toJSON);
  if (v instanceof RegoSet) return v.sorted().map(toJSON);
  const out: Record<string, unknown> = {};
  for (const [k, x] of (v as RegoObject).sortedEntries()) out[typeof k === 'string' ? k : stringifyJSON(toJSON(k))] = toJSON(x);
  return out;
}

/** JSON.stringify that also prints bigints as exact JSON numbers. */
export function stringifyJSON(x: unknown, indent?: number): string {
  const marks: string[] = [];
  const text = JSON.stringify(x, (_k, val) => {
    if (typeof val !== 'bigint') return val;
    marks.push(val.toString());
    return `\uE000big${marks.length - 1}\uE000`;
  }, indent);
  // A private-use character marks each bigint; JSON.stringify leaves it unescaped.
  return marks.length === 0 ? text : text.replace(/"\uE000big(\d+)\uE000"/g, (_m, i) => marks[Number(i)]);
}

/**
 * OPA's text of a value (as in `print`, `sprintf("%v")` and error messages):
 * strings quoted, `{"a": 1}`, `[1, 2]`, `{1, 2}`, empty set `set()`.
 */
export function format(v: Value): string {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': case 'bigint': return formatNumber(v);
    case 'boolean': return v ? 'true' : 'false';
    default:
      if (v === null) return 'null';
      if (v instanceof Decimal) return formatNumber(v);
      if (Array.isArray(v)) return '[' + v.map(format).join(', ') + ']';
      if (v instanceof RegoSet) return v.size === 0 ? 'set()' : '{' + v.sorted().map(format).join(', ') + '}';
      return '{' + (v as RegoObject).sortedEntries().map(([k, x]) => format(k) + ': ' + format(x)).join(', ') + '}';
  }
}
