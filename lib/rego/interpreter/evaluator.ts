/**
 * Top-down evaluation with backtracking in continuation-passing style:
 * every eval function takes a continuation `k` called once per solution
 * (with the frame's bindings in place) and returns true to stop the search.
 * Bindings live in a per-rule frame (array of slots) and are undone after `k`.
 */
import { IRBody, IRCallTarget, IRExpr, IRQuery, IRTerm } from '../compiler/ir';
import { Program } from '../compiler';
import type { RuleNode } from '../compiler/tree';
import { Location, RegoError, RegoErrorCode } from '../errors';
import { RegoObject, RegoSet, Value, equal } from '../value';
import { Calls } from './calls';
import { index, iterate, setIn } from './collections';
import { Documents } from './documents';
import { IterationIndexes, LoopPlan, loopPlan } from './iteration-index';
import { ready, singleValued } from './single-valued';
import { patternUnbound, unify, unifyTerms } from './unification';

/** A rule's bindings: one slot per local variable. */
export type Frame = Array<Value | undefined>;
/** Continuation: return true to stop searching. */
export type K = () => boolean;

/** Evaluation settings. */
export interface EvalSettings {
  readonly input: Value | undefined;
  readonly data: Value;
  readonly strict: boolean;
  readonly maxSteps: number;
  readonly maxDepth: number;
  readonly nowNs: bigint;
  /**
   * Values of input-independent documents shared by the evaluations of one `data` document
   * (see Program.inputIndependent); absent: each evaluation computes its own.
   */
  readonly shared?: SharedDocuments;
}

/** Values of input-independent documents by rule-tree node (undefined: the document is undefined). */
export type SharedDocuments = Map<RuleNode, Value | undefined>;

/** State that `with` replaces for the duration of one expression. */
export interface WithState {
  input: Value | undefined;
  overrides: ReadonlyArray<{ readonly path: readonly string[]; readonly value: Value }>;
  mocks: ReadonlyMap<string, { value?: Value; fn?: IRCallTarget }>;
}

const NO_OVERRIDES: WithState['overrides'] = [];
/** No index for a loop. */
const NO_PLAN: LoopPlan = [];
/** A continuation that stops at the first solution. */
const STOP: K = () => true;
const NO_MOCKS: WithState['mocks'] = new Map();

/** Evaluates queries against a compiled program. One instance per evaluation. */
export class Evaluator {
  state: WithState;
  readonly docs: Documents;
  readonly printed: string[] = [];
  /** Notes recorded by `trace` calls, in evaluation order. */
  readonly notes: string[] = [];
  /** Where each `print` call of `printed` is, in the same order. */
  readonly printLocations: Location[] = [];
  readonly calls: Calls;
  private steps = 0;
  private indexes: IterationIndexes | undefined;

  constructor(readonly program: Program, readonly settings: EvalSettings) {
    this.state = { input: settings.input, overrides: NO_OVERRIDES, mocks: NO_MOCKS };
    this.docs = new Documents(this);
    this.calls = new Calls(this);
  }

  /** Starts a new step budget (when one evaluator serves several queries). */
  resetBudget(): void {
    this.steps = 0;
  }

  /** Runs a query; calls onResult with the frame for each solution. */
  run(q: IRQuery, onResult: (frame: Frame) => boolean): void {
    const frame: Frame = new Array(q.frameSize);
    try {
      this.evalBody(q.body, 0, frame, () => onResult(frame));
    } catch (e) {
      if (e instanceof RangeError) throw this.error('eval_limit_error', 'evaluation nested too deeply (stack overflow); simplify the policy or the input', q.body[0]?.loc);
      throw e;
    }
  }

  /** The value of the document at a data path (what a query of that one reference binds), or undefined. */
  documentAt(path: readonly string[], loc: Location): Value | undefined {
    try {
      return this.docs.dataAt(path);
    } catch (e) {
      if (e instanceof RangeError) throw this.error('eval_limit_error', 'evaluation nested too deeply (stack overflow); simplify the policy or the input', loc);
      throw e;
    }
  }

  /** Raises an evaluation error. */
  error(code: RegoErrorCode, message: string, loc?: Location): RegoError {
    return new RegoError([{ code, message, location: loc }], this.program.sources);
  }

  evalBody(body: IRBody, i: number, f: Frame, k: K): boolean {
    // Filters and assignments of single values run in this loop, without a continuation each.
    for (; i < body.length; i++) {
      const e = body[i];
      if (e.with.length > 0) break;
      if (e.kind === 'term') {
        const plan = singleValued(e.term);
        if (!plan || !ready(plan, f)) break;
        this.countStep(e);
        const v = this.value(e.term, f);
        if ((v !== undefined && v !== false) === e.negated) return false;
        continue;
      }
      if (e.kind === 'unify' && !e.negated && e.left.t === 'var' && f[e.left.slot] === undefined) {
        const plan = singleValued(e.right);
        if (!plan || !ready(plan, f) || patternUnbound(e.right, f)) break;
        this.countStep(e);
        const v = this.value(e.right, f);
        if (v === undefined) return false;
        const slot = e.left.slot;
        f[slot] = v;
        try {
          return this.evalBody(body, i + 1, f, k);
        } finally {
          f[slot] = undefined;
        }
      }
      // Loops that bind fresh variables: members are bound directly, without unification; a loop
      // a later filter can index visits only the members the filter can accept.
      if (e.kind === 'somein' && !e.negated && e.value.t === 'var' && f[e.value.slot] === undefined) {
        const keySlot = e.key === undefined ? undefined : e.key.t === 'var' ? e.key.slot : -1;
        const free = keySlot === undefined || (keySlot >= 0 && keySlot !== e.value.slot && f[keySlot] === undefined);
        if (free) {
          const plan = !this.settings.strict && this.state.mocks.size === 0 ? loopPlan(this.program, body, i) : NO_PLAN;
          if (plan.length > 0) return this.evalIndexedLoop(e, plan, e.value.slot, keySlot, body, i, f, k);
          this.countStep(e);
          const collection = singleValued(e.collection);
          if (collection && ready(collection, f)) {
            const c = this.value(e.collection, f);
            return c !== undefined && this.loopMembers(c, e.value.slot, keySlot, body, i, f, k);
          }
          return this.evalTerm(e.collection, f, this.eachMember(e.value.slot, keySlot, body, i, f, k));
        }
      }
      break;
    }
    if (i === body.length) return k();
    return this.evalExpr(body[i], f, this.rest(body, i + 1, f, k));
  }

  /*
   * Closures are made by small methods like this one rather than inline in the hot functions
   * (evalBody, evalTerm, evalCore): V8 allocates a function's closure context on every call when
   * any closure in it captures a parameter, even on the paths that make no closure. tsx (esbuild
   * keepNames) would also wrap a named local closure in a defineProperty call.
   */

  /** The continuation that evaluates body[i..]. */
  private rest(body: IRBody, i: number, f: Frame, k: K): K {
    return () => this.evalBody(body, i, f, k);
  }

  /**
   * `some k, x in coll` with both variables free, visiting only the members a later filter can
   * accept (see iteration-index.ts; not in strict mode nor while `with` mocks a function).
   */
  private evalIndexedLoop(e: Extract<IRExpr, { kind: 'somein' }>, plan: LoopPlan, slot: number, keySlot: number | undefined, body: IRBody, i: number, f: Frame, k: K): boolean {
    this.countStep(e);
    const collection = singleValued(e.collection);
    if (collection && ready(collection, f)) {
      const c = this.value(e.collection, f);
      return c !== undefined && this.loopIndexed(c, plan, slot, keySlot, body, i, f, k);
    }
    return this.evalTerm(e.collection, f, this.indexedMembers(plan, slot, keySlot, body, i, f, k));
  }

  private indexedMembers(plan: LoopPlan, slot: number, keySlot: number | undefined, body: IRBody, i: number, f: Frame, k: K): (c: Value) => boolean {
    return (c) => this.loopIndexed(c, plan, slot, keySlot, body, i, f, k);
  }

  /** The members of c that a filter of the plan can accept (every member when no index applies, as in a small collection). */
  private loopIndexed(c: Value, plan: LoopPlan, slot: number, keySlot: number | undefined, body: IRBody, i: number, f: Frame, k: K): boolean {
    // The most selective of the usable filters (a namespace often matches everything, a name one member).
    let members: Array<{ key: Value; value: Value }> | undefined;
    for (const filter of plan) {
      const found = (this.indexes ??= new IterationIndexes()).candidates(this, filter, slot, c, f);
      if (found !== undefined && (members === undefined || found.length < members.length)) members = found;
      if (members !== undefined && members.length <= 1) break;
    }
    if (members === undefined) return this.loopMembers(c, slot, keySlot, body, i, f, k);
    for (const m of members) if (this.bindMember(m.key, m.value, slot, keySlot, body, i, f, k)) return true;
    return false;
  }

  /** `some k, x in coll` over one value of the collection: each member in turn, in iterate's order, without closures. */
  private loopMembers(c: Value, slot: number, keySlot: number | undefined, body: IRBody, i: number, f: Frame, k: K): boolean {
    if (Array.isArray(c)) {
      for (let j = 0; j < c.length; j++) if (this.bindMember(j, c[j], slot, keySlot, body, i, f, k)) return true;
    } else if (c instanceof RegoObject) {
      const entries = c.sortedEntries();
      for (let j = 0; j < entries.length; j++) if (this.bindMember(entries[j][0], entries[j][1], slot, keySlot, body, i, f, k)) return true;
    } else if (c instanceof RegoSet) {
      const members = c.sorted();
      for (let j = 0; j < members.length; j++) if (this.bindMember(members[j], members[j], slot, keySlot, body, i, f, k)) return true;
    }
    return false;
  }

  /** Binds one member of `some k, x in coll` and evaluates the rest of the body. */
  private bindMember(key: Value, value: Value, slot: number, keySlot: number | undefined, body: IRBody, i: number, f: Frame, k: K): boolean {
    f[slot] = value;
    if (keySlot !== undefined) f[keySlot] = key;
    try {
      return this.evalBody(body, i + 1, f, k);
    } finally {
      f[slot] = undefined;
      if (keySlot !== undefined) f[keySlot] = undefined;
    }
  }

  /** The loop of `some k, x in coll` over each value of the collection. */
  private eachMember(slot: number, keySlot: number | undefined, body: IRBody, i: number, f: Frame, k: K): (c: Value) => boolean {
    return (c) => this.loopMembers(c, slot, keySlot, body, i, f, k);
  }


  private countStep(e: IRExpr): void {
    if (++this.steps > this.settings.maxSteps) throw this.error('eval_limit_error', `evaluation exceeded ${this.settings.maxSteps} steps; the policy may loop over too much data`, e.loc);
  }

  private evalExpr(e: IRExpr, f: Frame, k: K): boolean {
    this.countStep(e);
    if (e.negated) {
      const found = e.with.length > 0 ? this.evalWith(e, f, STOP) : this.evalCore(e, f, STOP);
      return found ? false : k();
    }
    return e.with.length > 0 ? this.evalWith(e, f, k) : this.evalCore(e, f, k);
  }

  private evalCore(e: IRExpr, f: Frame, k: K): boolean {
    switch (e.kind) {
      case 'term': {
        const plan = singleValued(e.term);
        if (plan && ready(plan, f)) {
          const v = this.value(e.term, f);
          return v !== undefined && v !== false ? k() : false;
        }
        return this.evalTerm(e.term, f, truthy(k));
      }
      case 'unify': return unifyTerms(this, e.left, e.right, f, k);
      case 'somein': return this.evalTerm(e.collection, f, this.members(e, f, k));
      case 'every': return this.evalEvery(e, f, k);
    }
  }

  /** Visits the members of the collection of `some k, x in coll`, unifying k and x. */
  private members(e: Extract<IRExpr, { kind: 'somein' }>, f: Frame, k: K): (c: Value) => boolean {
    return (c) => iterate(c, (key, val) => (e.key ? unify(this, e.key, key, f, () => unify(this, e.value, val, f, k)) : unify(this, e.value, val, f, k)));
  }

  private evalEvery(e: Extract<IRExpr, { kind: 'every' }>, f: Frame, k: K): boolean {
    return this.evalTerm(e.domain, f, (d) => {
      if (d === null || typeof d !== 'object') return false;
      const failed = iterate(d, (key, val) => {
        const ok = e.key ? unify(this, e.key, key, f, () => unify(this, e.value, val, f, () => this.evalBody(e.body, 0, f, STOP))) : unify(this, e.value, val, f, () => this.evalBody(e.body, 0, f, STOP));
        return !ok;
      });
      return failed ? false : k();
    });
  }

  private evalWith(e: IRExpr, f: Frame, k: K): boolean {
    const outer = this.state;
    let input = outer.input;
    const overrides = [...outer.overrides];
    const mocks = new Map(outer.mocks);
    for (const w of e.with) {
      let value: Value | undefined;
      this.evalTerm(w.value, f, (v) => ((value = v), true));
      if (value === undefined) return false;
      const target = w.target;
      if (target.kind === 'input') input = target.path.length === 0 ? value : setIn(input, target.path, value);
      else if (target.kind === 'data') overrides.push({ path: target.path, value });
      else if (target.kind === 'function') mocks.set(target.name, w.valueFn ? { fn: w.valueFn } : { value });
    }
    const inner: WithState = { input, overrides, mocks };
    const enter = (): void => {
      this.state = inner;
      this.docs.pushCache();
    };
    const leave = (): void => {
      this.docs.popCache();
      this.state = outer;
    };
    enter();
    try {
      return this.evalCore(e, f, () => {
        leave();
        try {
          return k();
        } finally {
          enter();
        }
      });
    } finally {
      leave();
    }
  }

  /** Evaluates a term; k receives each value. */
  evalTerm(t: IRTerm, f: Frame, k: (v: Value) => boolean): boolean {
    if (t.t === 'ref' || t.t === 'call' || t.t === 'array' || t.t === 'object' || t.t === 'set') {
      const plan = singleValued(t);
      if (plan && ready(plan, f)) {
        const v = this.value(t, f);
        return v === undefined ? false : k(v);
      }
    }
    switch (t.t) {
      case 'const': return k(t.v);
      case 'var': {
        const v = f[t.slot];
        if (v === undefined) throw this.error('rego_unsafe_var_error', `var ${t.name} is unsafe`);
        return k(v);
      }
      case 'input': return this.state.input === undefined ? false : k(this.state.input);
      case 'data': {
        const v = this.docs.dataAt(t.path);
        return v === undefined ? false : k(v);
      }
      case 'call': return this.calls.evalCall(t, f, k);
      default: return this.evalComposite(t, f, k);
    }
  }

  /** evalTerm of refs and collections that may have several values, and of comprehensions. */
  private evalComposite(t: Exclude<IRTerm, { t: 'const' | 'var' | 'input' | 'data' | 'call' }>, f: Frame, k: (v: Value) => boolean): boolean {
    switch (t.t) {
      case 'ref': {
        const head = t.head;
        if (head.t === 'data') return this.docs.evalDataRef(head.path, t.path, f, k);
        return this.evalTerm(head, f, (hv) => this.evalPath(hv, t.path, 0, f, k));
      }
      case 'array': return this.evalList(t.items, 0, [], f, (vs) => k(vs));
      case 'set': return this.evalList(t.items, 0, [], f, (vs) => k(new RegoSet(vs)));
      case 'object': return this.evalObject(t.entries, 0, [], f, k);
      case 'arraycompr': return k(this.arrayComprehension(t, f));
      case 'setcompr': return k(this.setComprehension(t, f));
      case 'objectcompr': {
        const out = new RegoObject();
        this.evalBody(t.body, 0, f, () =>
          this.evalTerm(t.key, f, (key) =>
            this.evalTerm(t.value, f, (val) => {
              const prev = out.get(key);
              if (prev !== undefined && !equal(prev, val)) throw this.error('eval_conflict_error', 'object keys must be unique', t.body[0]?.loc);
              out.set(key, val);
              return false;
            }),
          ),
        );
        return k(out);
      }
    }
  }

  /**
   * Value of a term that has at most one value here (see single-valued.ts), computed without
   * continuations; undefined when it has none. Evaluates in the same order as evalTerm.
   */
  value(t: IRTerm, f: Frame): Value | undefined {
    switch (t.t) {
      case 'const': return t.v;
      case 'var': {
        const v = f[t.slot];
        if (v === undefined) throw this.error('rego_unsafe_var_error', `var ${t.name} is unsafe`);
        return v;
      }
      case 'input': return this.state.input;
      case 'data': return this.docs.dataAt(t.path);
      case 'ref': {
        if (t.head.t === 'data') return this.docs.dataRefValue(t.head.path, t.path, f);
        const head = t.head;
        let v = head.t === 'var' ? f[head.slot] : this.value(head, f);
        if (v === undefined) return head.t === 'var' ? this.value(head, f) : undefined;
        const path = t.path;
        for (let i = 0; i < path.length && v !== undefined; i++) {
          const p = path[i];
          const key = p.t === 'const' ? p.v : this.value(p, f);
          v = key === undefined ? undefined : index(v, key);
        }
        return v;
      }
      case 'array': {
        const out: Value[] = new Array(t.items.length);
        for (let i = 0; i < t.items.length; i++) {
          const v = this.value(t.items[i], f);
          if (v === undefined) return undefined;
          out[i] = v;
        }
        return out;
      }
      case 'set': {
        const out = new RegoSet();
        for (let i = 0; i < t.items.length; i++) {
          const v = this.value(t.items[i], f);
          if (v === undefined) return undefined;
          out.add(v);
        }
        return out;
      }
      case 'object': {
        // Keys and values in evalObject's order; a repeated key keeps its last value, as there.
        const out = new RegoObject();
        for (let i = 0; i < t.entries.length; i++) {
          const key = this.value(t.entries[i][0], f);
          if (key === undefined) return undefined;
          const val = this.value(t.entries[i][1], f);
          if (val === undefined) return undefined;
          out.set(key, val);
        }
        return out;
      }
      case 'call': {
        const args: Value[] = new Array(t.args.length);
        for (let i = 0; i < t.args.length; i++) {
          const a = t.args[i];
          const v = a.t === 'const' ? a.v : a.t === 'var' && f[a.slot] !== undefined ? f[a.slot] : this.value(a, f);
          if (v === undefined) return undefined;
          args[i] = v;
        }
        return this.calls.callOnce(t, args);
      }
      case 'arraycompr': return this.arrayComprehension(t, f);
      case 'setcompr': return this.setComprehension(t, f);
      default: {
        let out: Value | undefined;
        this.evalTerm(t, f, (v) => ((out = v), true));
        return out;
      }
    }
  }

  private arrayComprehension(t: Extract<IRTerm, { t: 'arraycompr' | 'setcompr' }>, f: Frame): Value[] {
    const out: Value[] = [];
    this.evalBody(t.body, 0, f, this.collectInto(t.term, f, out));
    return out;
  }

  private setComprehension(t: Extract<IRTerm, { t: 'arraycompr' | 'setcompr' }>, f: Frame): RegoSet {
    const out = new RegoSet();
    this.evalBody(t.body, 0, f, this.collectInto(t.term, f, out));
    return out;
  }

  /**
   * The continuation of a body that collects (a comprehension's, a partial set rule's): adds each
   * value of term to out, computed directly when it has one.
   */
  collectInto(term: IRTerm, f: Frame, out: Value[] | RegoSet): K {
    return () => {
      const plan = singleValued(term);
      if (plan && ready(plan, f)) {
        const v = this.value(term, f);
        if (v !== undefined) addTo(out, v);
        return false;
      }
      return this.evalTerm(term, f, (v) => (addTo(out, v), false));
    };
  }

  /** Applies path[i..] to v, iterating over unbound variables. */
  evalPath(v: Value, path: readonly IRTerm[], i: number, f: Frame, k: (v: Value) => boolean): boolean {
    if (i === path.length) return k(v);
    const p = path[i];
    if (p.t === 'const') {
      const next = index(v, p.v);
      return next === undefined ? false : this.evalPath(next, path, i + 1, f, k);
    }
    return this.evalKeyPath(v, path, i, f, k);
  }

  /** evalPath at a key that is not constant: it may iterate. */
  private evalKeyPath(v: Value, path: readonly IRTerm[], i: number, f: Frame, k: (v: Value) => boolean): boolean {
    const p = path[i];
    if (patternUnbound(p, f)) return iterate(v, (key, val) => unify(this, p, key, f, () => this.evalPath(val, path, i + 1, f, k)));
    return this.evalTerm(p, f, (key) => {
      const next = index(v, key);
      return next === undefined ? false : this.evalPath(next, path, i + 1, f, k);
    });
  }

  /** Evaluates items in order; k receives each combination of their values. */
  evalList(items: readonly IRTerm[], i: number, acc: Value[], f: Frame, k: (vs: Value[]) => boolean): boolean {
    if (i === items.length) return k(acc.slice());
    return this.evalTerm(items[i], f, (v) => {
      acc[i] = v;
      return this.evalList(items, i + 1, acc, f, k);
    });
  }

  private evalObject(entries: ReadonlyArray<readonly [IRTerm, IRTerm]>, i: number, acc: Value[], f: Frame, k: (v: Value) => boolean): boolean {
    if (i === entries.length) {
      const o = new RegoObject();
      for (let j = 0; j < acc.length; j += 2) o.set(acc[j], acc[j + 1]);
      return k(o);
    }
    return this.evalTerm(entries[i][0], f, (key) =>
      this.evalTerm(entries[i][1], f, (val) => {
        acc[2 * i] = key;
        acc[2 * i + 1] = val;
        return this.evalObject(entries, i + 1, acc, f, k);
      }),
    );
  }
}

function addTo(out: Value[] | RegoSet, v: Value): void {
  if (Array.isArray(out)) out.push(v);
  else (out as RegoSet).add(v);
}

/** The continuation of a term used as a condition: false (the value) fails, any other value holds. */
function truthy(k: K): (v: Value) => boolean {
  return (v) => (v !== false ? k() : false);
}

