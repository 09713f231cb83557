/**
 * Indexed iteration: `some x in coll` followed (anywhere later in the same body) by a filter
 * `f(x) == t` or `f(x) in c`, where `f(x)` reads only `x` and `t`/`c` are known before the loop,
 * visits only the members whose `f(x)` matches instead of all of them. Cross-object policies do this
 * a lot (`some item in items; item.contents.kind == target.kind`), and without an index they are
 * quadratic in the number of objects.
 *
 * The index of a collection is built once per evaluation (by collection identity and filter) and
 * keeps the collection's order, so solutions come in the same order as a full scan; the filter is
 * still evaluated as usual afterwards. Not used in strict mode (a full scan may raise a builtin
 * error on a member the index skips) nor while `with` mocks a function.
 */
import { IRBody, IRExpr, IRTerm } from '../compiler/ir';
import { Program } from '../compiler';
import { Value, equal, hashKey } from '../value';
import { iterate } from './collections';
import { singleValued } from './single-valued';

/** A filter usable as an index: `member` reads only the loop variable; `target` is known before the loop. */
interface IndexFilter {
  readonly member: IRTerm;
  readonly target: IRTerm;
  /** `member in target` rather than `member == target`. */
  readonly membership: boolean;
}

/** The indexable filters of a `some ... in` literal (empty: none). */
export type LoopPlan = readonly IndexFilter[];

/** Members of a collection with the same filter value, in collection order. */
interface Bucket {
  readonly value: Value;
  readonly members: Array<{ readonly position: number; readonly key: Value; readonly value: Value }>;
}
type Index = Map<string, Bucket[]>;

const MIN_INDEXED_SIZE = 16;
/** A literal with its loop plan, once worked out (every compiled literal has the field: uniform.ts). */
type PlannedExpr = IRExpr & { loopPlan?: LoopPlan };

/** The filters that can index the `some ... in` literal at body[i] (kept on the literal: it belongs to one body). */
export function loopPlan(program: Program, body: IRBody, i: number): LoopPlan {
  const e = body[i] as PlannedExpr;
  return (e.loopPlan ??= planLoop(program, body, i));
}

function planLoop(program: Program, body: IRBody, i: number): LoopPlan {
  const loop = body[i];
  if (loop.kind !== 'somein' || loop.negated || loop.with.length > 0 || loop.value.t !== 'var') return [];
  if (loop.key && loop.key.t !== 'var') return [];
  const slot = loop.value.slot;
  const keySlot = loop.key?.t === 'var' ? loop.key.slot : undefined;
  const filters: IndexFilter[] = [];
  for (const e of body.slice(i + 1)) {
    const sides = comparedTerms(e);
    if (!sides) continue;
    for (const [member, target, membership] of sides) {
      if (!readsOnly(program, member, slot)) continue;
      if (!singleValued(target) || mentions(target, slot) || (keySlot !== undefined && mentions(target, keySlot))) continue;
      filters.push({ member, target, membership });
      break;
    }
  }
  return filters;
}

/** `a == b`, `a = b` (both orders) and `a in b` literals, as [member, target, membership] candidates. */
function comparedTerms(e: IRExpr): Array<[IRTerm, IRTerm, boolean]> | undefined {
  if (e.negated || e.with.length > 0) return undefined;
  if (e.kind === 'unify') return [[e.left, e.right, false], [e.right, e.left, false]];
  if (e.kind !== 'term' || e.term.t !== 'call' || e.term.output) return undefined;
  const [a, b] = e.term.args;
  if (e.term.name === 'equal') return [[a, b, false], [b, a, false]];
  if (e.term.name === 'internal.member_2') return [[a, b, true]];
  return undefined;
}

/** True when t is computed from the loop variable only, through refs and calls without side effects. */
function readsOnly(program: Program, t: IRTerm, slot: number): boolean {
  let usesSlot = false;
  const ok = (x: IRTerm): boolean => {
    switch (x.t) {
      case 'const': return true;
      case 'var': return x.slot === slot && (usesSlot = true);
      case 'ref': return ok(x.head) && x.path.every((p) => p.t === 'const' || ok(p));
      case 'array': case 'set': return x.items.every(ok);
      case 'object': return x.entries.every(([k, v]) => ok(k) && ok(v));
      case 'call': {
        if (x.name === 'print' || x.output || x.builtin?.relation || x.builtin?.nondeterministic) return false;
        if (x.fnPath) {
          const fn = program.tree.find(x.fnPath);
          if (!fn || !program.inputIndependent.has(fn)) return false;
        }
        return x.args.every(ok);
      }
      default: return false;
    }
  };
  return ok(t) && usesSlot && singleValued(t) !== undefined;
}

function mentions(t: IRTerm, slot: number): boolean {
  switch (t.t) {
    case 'var': return t.slot === slot;
    case 'ref': return mentions(t.head, slot) || t.path.some((p) => mentions(p, slot));
    case 'array': case 'set': return t.items.some((x) => mentions(x, slot));
    case 'object': return t.entries.some(([k, v]) => mentions(k, slot) || mentions(v, slot));
    case 'call': return t.args.some((x) => mentions(x, slot)) || (t.output !== undefined && mentions(t.output, slot));
    // Comprehensions see the frame too; treat them as mentioning everything.
    case 'arraycompr': case 'setcompr': case 'objectcompr': return true;
    default: return false;
  }
}

/** What the index needs from the evaluator. */
export interface IndexHost {
  /** Value of a single-valued term (undefined: none). */
  value(t: IRTerm, f: Array<Value | undefined>): Value | undefined;
}

/** Indexes built during one evaluation, by collection and filter. */
export class IterationIndexes {
  private readonly built = new WeakMap<object, Map<IRTerm, Index>>();

  /**
   * The members (key and value, in collection order) of `collection` that can pass the filter, or
   * undefined when the filter's target has no value yet or the collection is too small to index.
   */
  candidates(host: IndexHost, filter: IndexFilter, slot: number, collection: Value, f: Array<Value | undefined>): Array<{ key: Value; value: Value }> | undefined {
    if (collection === null || typeof collection !== 'object' || sizeOf(collection) < MIN_INDEXED_SIZE) return undefined;
    if (!readyTerm(filter.target, f)) return undefined;
    const target = host.value(filter.target, f);
    if (target === undefined) return [];
    const index = this.indexOf(host, filter.member, slot, collection as object, f);
    if (!filter.membership) return [...lookup(index, target)];
    if (target === null || typeof target !== 'object') return [];
    const found: Array<{ position: number; key: Value; value: Value }> = [];
    const seen = new Set<number>();
    iterate(target, (_k, wanted) => {
      for (const m of lookup(index, wanted)) if (!seen.has(m.position)) (seen.add(m.position), found.push(m));
      return false;
    });
    return found.sort((a, b) => a.position - b.position);
  }

  private indexOf(host: IndexHost, member: IRTerm, slot: number, collection: object, f: Array<Value | undefined>): Index {
    let byFilter = this.built.get(collection);
    if (!byFilter) this.built.set(collection, (byFilter = new Map()));
    let index = byFilter.get(member);
    if (index) return index;
    index = new Map();
    let position = 0;
    iterate(collection as Value, (key, value) => {
      f[slot] = value;
      let v: Value | undefined;
      try {
        v = host.value(member, f);
      } finally {
        f[slot] = undefined;
      }
      if (v !== undefined) add(index!, v, { position, key, value });
      position++;
      return false;
    });
    byFilter.set(member, index);
    return index;
  }
}

/** Every variable of the target (not only path keys) must have a value before the loop. */
function readyTerm(t: IRTerm, f: Array<Value | undefined>): boolean {
  switch (t.t) {
    case 'var': return f[t.slot] !== undefined;
    case 'ref': return readyTerm(t.head, f) && t.path.every((p) => readyTerm(p, f));
    case 'array': case 'set': return t.items.every((x) => readyTerm(x, f));
    case 'object': return t.entries.every(([k, v]) => readyTerm(k, f) && readyTerm(v, f));
    case 'call': return t.args.every((x) => readyTerm(x, f));
    case 'arraycompr': case 'setcompr': case 'objectcompr': return false;
    default: return true;
  }
}

function sizeOf(collection: object): number {
  if (Array.isArray(collection)) return collection.length;
  return (collection as { size: number }).size;
}

function add(index: Index, value: Value, member: { position: number; key: Value; value: Value }): void {
  const k = hashKey(value);
  let buckets = index.get(k);
  if (!buckets) index.set(k, (buckets = []));
  let bucket = buckets.find((b) => equal(b.value, value));
  if (!bucket) buckets.push((bucket = { value, members: [] }));
  bucket.members.push(member);
}

function lookup(index: Index, value: Value): ReadonlyArray<{ position: number; key: Value; value: Value }> {
  const bucket = index.get(hashKey(value))?.find((b) => equal(b.value, value));
  return bucket ? bucket.members : [];
}
