/**
 * Structural hashes of values, for set membership of collections (findings, whole manifests in a
 * combined input). Equal values (Rego equality) hash equally whether an object is still plain JSON
 * or already converted, so hashing a lazily wrapped manifest reads its JSON without converting it;
 * unequal values may collide (sets compare members of one hash with `equal`).
 */
import { Decimal, numberKey } from './number';

/** Values that compute (and remember) their own hash: objects and sets. */
interface SelfHashing {
  structuralHash(): number;
}

const NULL_HASH = 0x5bd1e995;
const OBJECT_SEED = 0x27d4eb2f;
const SET_SEED = 0x165667b1;
/** Arrays with collections inside: hashed once (plain arrays cannot carry a field). */
const arrayHashes = new WeakMap<readonly unknown[], number>();

/** The hash of a value or of plain JSON; equal values have equal hashes. */
export function hashOf(x: unknown): number {
  switch (typeof x) {
    case 'string': return hashString(x);
    case 'number': return Number.isSafeInteger(x) ? hashInteger(x) : hashString(numberKey(x));
    case 'bigint': return hashString(numberKey(x));
    case 'boolean': return x ? 0x1f3d5b79 : 0x2c1b3c6d;
    case 'object': {
      if (x === null) return NULL_HASH;
      if (Array.isArray(x)) return hashArray(x);
      if (x instanceof Decimal) return hashString(numberKey(x));
      if (x instanceof Date) return hashString(x.toISOString());
      if (typeof (x as Partial<SelfHashing>).structuralHash === 'function') return (x as SelfHashing).structuralHash();
      return hashPlainObject(x as Record<string, unknown>);
    }
    // Like JSON conversion: anything else reads as null.
    default: return NULL_HASH;
  }
}

/** Hash of a plain JSON object's members (order does not matter). */
export function hashPlainObject(o: Record<string, unknown>): number {
  let h = 0;
  for (const key of Object.keys(o)) h = (h + hashPair(hashString(key), hashOf(o[key]))) | 0;
  return h ^ OBJECT_SEED;
}

/** Hash of an object's entries (order does not matter); equals hashPlainObject of the same members. */
export function hashEntries(entries: Iterable<readonly [unknown, unknown]>): number {
  let h = 0;
  for (const [key, value] of entries) h = (h + hashPair(hashOf(key), hashOf(value))) | 0;
  return h ^ OBJECT_SEED;
}

/** Hash of a set's members (order does not matter). */
export function hashMembers(members: Iterable<unknown>): number {
  let h = 0;
  for (const m of members) h = (h + finalize(hashOf(m))) | 0;
  return h ^ SET_SEED;
}

function hashArray(a: readonly unknown[]): number {
  const known = arrayHashes.get(a);
  if (known !== undefined) return known;
  let h = a.length;
  let nested = false;
  for (const x of a) {
    if (x !== null && typeof x === 'object') nested = true;
    h = (Math.imul(h, 31) + hashOf(x)) | 0;
  }
  if (nested) arrayHashes.set(a, h);
  return h;
}

function hashPair(key: number, value: number): number {
  return finalize((Math.imul(key, 0x9e3779b1) ^ value) | 0);
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

function hashInteger(n: number): number {
  const low = n | 0;
  const high = (n / 4294967296) | 0;
  return finalize((Math.imul(low, 0x85ebca6b) ^ Math.imul(high, 0xc2b2ae35)) | 0);
}

/** Mixes the bits so that sums of hashes stay spread (murmur3's finalizer). */
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
