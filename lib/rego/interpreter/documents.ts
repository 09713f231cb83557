/**
 * Documents under `data`: base data merged with the virtual documents that
 * rules define, computed on demand and cached per evaluation (a `with`
 * modifier gets a fresh cache). Also user-defined function calls.
 */
import { IRRule, IRTerm } from '../compiler/ir';
import { RuleNode } from '../compiler/tree';
import { uniformTerm } from '../compiler/uniform';
import { Location } from '../errors';
import { RegoObject, RegoSet, Value, equal } from '../value';
import { index, lookup, setIn } from './collections';
import { dataTarget, namespaceNode } from './tree-paths';
import type { Evaluator, Frame } from './evaluator';
import { ready, singleValued } from './single-valued';
import { patternUnbound, unify, unifyItems } from './unification';

const TRUE: IRTerm = uniformTerm({ t: 'const', v: true });
const UNDEFINED = Symbol('undefined');
/** Calls remembered per function and evaluation before the memo starts over. */
const MAX_REMEMBERED_CALLS = 50_000;

/** What the definitions of a function produced for one call so far. */
interface CallOutcome {
  value?: Value;
  /** Set when the definition being tried produced a value (the next `else` is then not tried). */
  found: boolean;
}

/** Call results by argument identity: nested maps, one level per argument; leaves hold results. */
type CallMemo = Map<unknown, unknown>;

/**
 * The remembered calls of one function: the first call's arguments and result, and the later
 * calls' in maps made only when a function is called with other arguments (most helpers are called
 * once per evaluation, or with the same arguments, and a map for each would cost more than it saves).
 */
interface FunctionCalls {
  readonly firstArgs: readonly Value[];
  readonly firstResult: Value | typeof UNDEFINED;
  root: CallMemo | undefined;
  size: number;
}

/** True when both argument lists hold the very same values (the memo's identity, as Map keys compare). */
function sameArgs(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Objects that stand for rule-tree levels (packages, ref-head prefixes), as opposed to values rules produced. */
const structural = new WeakSet<RegoObject>();

function level(): RegoObject {
  const o = new RegoObject();
  structural.add(o);
  return o;
}

/** Per-node results of one evaluation, indexed by RuleNode.id (arrays: read on every rule reference). */
type NodeCache = Array<Value | typeof UNDEFINED | undefined>;
type CallCache = Array<FunctionCalls | undefined>;

/** Resolves data paths and rule values for one evaluation. */
export class Documents {
  private cache: NodeCache;
  /** Set when the rule being solved produced a value (see solve). */
  private found = false;
  /**
   * Results of function calls in this evaluation, per function, by argument identity (one map level
   * per argument): helpers like `name(input)` or `pod_labels(workload)` repeat a lot, and
   * cross-object rules call them once per pair of objects.
   */
  private calls: CallCache;
  private readonly saved: Array<[NodeCache, CallCache]> = [];

  constructor(private readonly ev: Evaluator) {
    this.cache = new Array(ev.program.tree.treeSize);
    this.calls = new Array(ev.program.tree.treeSize);
  }

  pushCache(): void {
    this.saved.push([this.cache, this.calls]);
    this.cache = new Array(this.cache.length);
    this.calls = new Array(this.calls.length);
  }

  popCache(): void {
    [this.cache, this.calls] = this.saved.pop()!;
  }

  /** Evaluates `data.<prefix>` followed by a dynamic path. */
  evalDataRef(prefix: readonly string[], rest: readonly IRTerm[], f: Frame, k: (v: Value) => boolean): boolean {
    const node = rest.length > 0 && this.ev.state.overrides.length === 0 ? this.namespaceAt(prefix) : undefined;
    if (node) {
      // Descend key by key instead of building the whole namespace (which may contain the caller).
      const p = rest[0];
      const next = this.descent(prefix, rest, f, k);
      if (!patternUnbound(p, f)) return this.ev.evalTerm(p, f, next);
      const keys = new Set<string>();
      for (const [name, c] of node.children) if (c.virtual) keys.add(name);
      const base = lookup(this.ev.settings.data, prefix);
      if (base instanceof RegoObject) for (const key of base.keys()) if (typeof key === 'string') keys.add(key);
      for (const key of [...keys].sort()) if (unify(this.ev, p, key, f, () => next(key))) return true;
      return false;
    }
    const v = this.dataAt(prefix);
    return v === undefined ? false : this.ev.evalPath(v, rest, 0, f, k);
  }

  /** Continues evalDataRef one namespace key down (a method, not a named local: see completeValue). */
  private descent(prefix: readonly string[], rest: readonly IRTerm[], f: Frame, k: (v: Value) => boolean): (key: Value) => boolean {
    return (key) => (typeof key === 'string' ? this.evalDataRef([...prefix, key], rest.slice(1), f, k) : false);
  }

  /** The value of `data.<prefix>` followed by a path whose keys all have one value (see Evaluator.value). */
  dataRefValue(prefix: readonly string[], rest: readonly IRTerm[], f: Frame): Value | undefined {
    let path = prefix;
    let i = 0;
    // Descend key by key through namespaces, as evalDataRef does.
    while (i < rest.length && this.ev.state.overrides.length === 0 && this.namespaceAt(path)) {
      const key = this.ev.value(rest[i], f);
      if (typeof key !== 'string') return undefined;
      path = [...path, key];
      i++;
    }
    let v = this.dataAt(path);
    for (; i < rest.length && v !== undefined; i++) {
      const key = this.ev.value(rest[i], f);
      v = key === undefined ? undefined : index(v, key);
    }
    return v;
  }

  /** The tree node at path when it is a namespace (virtual, no rules on the way), else undefined. */
  private namespaceAt(path: readonly string[]): RuleNode | undefined {
    return namespaceNode(this.ev.program.tree, path) ?? undefined;
  }


  /** Value of the document at a ground data path, honouring `with data...` overrides. */
  dataAt(path: readonly string[]): Value | undefined {
    const overrides = this.ev.state.overrides;
    for (let j = overrides.length - 1; j >= 0; j--) {
      const o = overrides[j];
      if (isPrefix(o.path, path)) return lookup(o.value, path, o.path.length);
    }
    let v = this.rawDataAt(path);
    for (const o of overrides) if (o.path.length > path.length && isPrefix(path, o.path)) v = setIn(v, o.path.slice(path.length), o.value);
    return v;
  }

  private rawDataAt(path: readonly string[]): Value | undefined {
    const target = dataTarget(this.ev.program.tree, path);
    if (target === null) return lookup(this.ev.settings.data, path);
    const value = this.nodeValue(target.node);
    return target.from === path.length ? value : lookup(value, path, target.from);
  }


  /** Full value of a tree node: base data, its rules and the virtual documents below it. */
  nodeValue(node: RuleNode): Value | undefined {
    const hit = this.cache[node.id];
    if (hit !== undefined) return hit === UNDEFINED ? undefined : hit;
    const shared = this.ev.settings.shared;
    const state = this.ev.state;
    // Documents that read no input are computed once per data document, unless `with` replaces data or functions.
    const sharable = shared !== undefined && state.overrides.length === 0 && state.mocks.size === 0 && this.ev.program.inputIndependent.has(node);
    let value: Value | undefined;
    if (!sharable) value = this.computeNode(node);
    else if (shared.has(node)) value = shared.get(node);
    else shared.set(node, (value = this.computeNode(node)));
    this.cache[node.id] = value === undefined ? UNDEFINED : value;
    return value;
  }

  private computeNode(node: RuleNode): Value | undefined {
    const base = lookup(this.ev.settings.data, node.path);
    let value = node.rules.length > 0 ? this.rulesValue(node) : undefined;
    let children: RegoObject | undefined;
    for (const [name, c] of node.children) {
      if (!c.virtual) continue;
      const cv = this.nodeValue(c);
      if (cv === undefined) continue;
      (children ??= level()).set(name, cv);
    }
    if (node.rules.length === 0) value = level();
    if (children) value = mergeStrict(value ?? level(), children, () => this.conflict(node));
    if (base !== undefined) value = value === undefined ? base : mergeLoose(base, value);
    return value;
  }

  private conflict(node: RuleNode): never {
    throw this.ev.error('eval_conflict_error', 'object keys must be unique', node.rules[0]?.loc);
  }

  private rulesValue(node: RuleNode): Value | undefined {
    const { multi, nested, nonDefault, default: def } = node.groups;
    // The callbacks are made once per document, not once per solution (evaluations make many).
    if (multi.length > 0) {
      const set = new RegoSet();
      for (const r of multi) this.solveContains(r, set);
      return set;
    }
    if (nested.length > 0) {
      const obj = level();
      for (const r of nested) this.solve(r, (x, f) => this.insertSolution(obj, x, f));
      return obj;
    }
    const outcome: { value?: Value; rule?: IRRule } = { value: undefined, rule: undefined };
    const take = this.completeValue(outcome, node.groups.earlyExit);
    for (const r of nonDefault) {
      this.solve(r, (x, f) => ((outcome.rule = x), this.ev.evalTerm(x.value ?? TRUE, f, take)));
      if (node.groups.earlyExit && outcome.value !== undefined) break;
    }
    if (outcome.value !== undefined) return outcome.value;
    return def ? this.defaultValue(def) : undefined;
  }

  /*
   * The callbacks below are made by methods rather than named locals: tsx (esbuild keepNames) wraps
   * every named closure in a defineProperty call, which measured as a large cost on hot paths.
   */

  /**
   * Adds the values of a partial set rule (`p contains x if ...`) to set. Such a rule has no `else`,
   * so unlike solve this needs no `found` bookkeeping.
   */
  private solveContains(rule: IRRule, set: RegoSet): void {
    if (!this.guardsHold(rule)) return;
    const f: Frame = new Array(rule.frameSize);
    this.ev.evalBody(rule.body, 0, f, this.ev.collectInto(rule.key!, f, set));
  }

  /** Keeps the value of a complete rule; a second, different value is a conflict. With earlyExit, the first value ends the search. */
  private completeValue(outcome: { value?: Value; rule?: IRRule }, earlyExit: boolean): (v: Value) => boolean {
    return (v) => {
      this.found = true;
      if (outcome.value === undefined) outcome.value = v;
      else if (!equal(outcome.value, v)) throw this.ev.error('eval_conflict_error', 'complete rules must not produce multiple outputs', outcome.rule!.loc);
      return earlyExit;
    };
  }

  /** Keeps the result of a function call; a second, different result is a conflict. With earlyExit, the first result ends the search. */
  private callResult(outcome: CallOutcome, loc: Location, earlyExit: boolean): (v: Value) => boolean {
    return (v) => {
      this.keepResult(outcome, v, loc);
      return earlyExit;
    };
  }

  /** Keeps one result of a function call; a second, different result is a conflict. */
  private keepResult(outcome: CallOutcome, v: Value, loc: Location): void {
    outcome.found = true;
    if (outcome.value === undefined) outcome.value = v;
    else if (!equal(outcome.value, v)) throw this.ev.error('eval_conflict_error', 'functions must not produce multiple outputs for same inputs', loc);
  }

  /** Continues a function definition's evaluation once its parameters are bound: its body, then its value. */
  private functionBody(r: IRRule, f: Frame, take: (v: Value) => boolean): () => boolean {
    return () => this.ev.evalBody(r.body, 0, f, this.functionValue(r, f, take));
  }

  /** Continues a function definition's evaluation after its body: its value. */
  private functionValue(r: IRRule, f: Frame, take: (v: Value) => boolean): () => boolean {
    return () => this.ev.evalTerm(r.value ?? TRUE, f, take);
  }

  /** Value of a default rule (a constant or a closed comprehension). */
  private defaultValue(rule: IRRule): Value | undefined {
    let value: Value | undefined;
    this.ev.evalTerm(rule.value ?? TRUE, new Array(rule.frameSize), (v) => ((value = v), true));
    return value;
  }

  /** Adds one solution of a rule with a dynamic head ref (`p[k] := v`, `p.q[k] contains v`) to obj. */
  private insertSolution(obj: RegoObject, r: IRRule, f: Frame): boolean {
    return this.ev.evalTerm(suffixTerm(r), f, (keys) =>
      this.ev.evalTerm(r.kind === 'multi' ? r.key! : r.value ?? TRUE, f, (v) => {
        this.found = true;
        const path = keys as Value[];
        let target = obj;
        for (let i = 0; i < path.length - 1; i++) {
          const next = target.get(path[i]);
          if (next instanceof RegoObject) target = next;
          else if (next === undefined) {
            const created = level();
            target.set(path[i], created);
            target = created;
          } else throw this.ev.error('eval_conflict_error', 'object keys must be unique', r.loc);
        }
        const last = path[path.length - 1];
        const prev = target.get(last);
        if (r.kind === 'multi') {
          if (prev === undefined) target.set(last, new RegoSet([v]));
          else if (prev instanceof RegoSet) prev.add(v);
          else throw this.ev.error('eval_conflict_error', 'object keys must be unique', r.loc);
        } else if (prev === undefined) target.set(last, v);
        else if (!equal(prev, v)) throw this.ev.error('eval_conflict_error', 'object keys must be unique', r.loc);
        return false;
      }),
    );
  }

  /** Value of one rule definition on its own (how tests run), or undefined. */
  ruleValue(rule: IRRule): Value | undefined {
    let value: Value | undefined;
    this.solve(rule, (x, f) => this.ev.evalTerm(x.value ?? TRUE, f, (v) => ((this.found = true), (value = v), true)));
    if (value === undefined && rule.isDefault) value = this.defaultValue(rule);
    return value;
  }

  /**
   * Runs a rule (and its else chain) calling onSolution per solution of the
   * first branch that produces a value (onSolution calls `mark` when it does).
   */
  private solve(rule: IRRule, onSolution: (r: IRRule, f: Frame) => boolean): void {
    if (!this.guardsHold(rule)) return;
    // `found` belongs to this rule while it runs: rules it reads save and restore it.
    const outer = this.found;
    try {
      for (let r: IRRule | undefined = rule; r; r = r.else) {
        this.found = false;
        const f: Frame = new Array(r.frameSize);
        const current = r;
        this.ev.evalBody(r.body, 0, f, () => onSolution(current, f));
        if (this.found) return;
      }
    } finally {
      this.found = outer;
    }
  }


  private guardsHold(rule: IRRule): boolean {
    if (rule.guards.length === 0) return true;
    const input = this.ev.state.input;
    if (input === undefined) return false;
    for (const g of rule.guards) {
      const v = lookup(input, g.path);
      if (v === undefined || !equal(v, g.value)) return false;
    }
    return true;
  }

  /** Calls the user function of a rule-tree node; undefined when no definition applies. */
  callFunction(node: RuleNode | null, args: Value[], loc: Location): Value | undefined {
    if (!node) return undefined;
    const calls = this.calls[node.id];
    // Bounded, so that a rule over all pairs of a large input does not keep every pair's result.
    if (!calls || calls.size >= MAX_REMEMBERED_CALLS) {
      const result = this.computeCall(node, args, loc);
      this.calls[node.id] = { firstArgs: args, firstResult: result === undefined ? UNDEFINED : result, root: undefined, size: 1 };
      return result;
    }
    if (sameArgs(calls.firstArgs, args)) return calls.firstResult === UNDEFINED ? undefined : calls.firstResult;
    let memo = (calls.root ??= new Map());
    for (let i = 0; i < args.length - 1; i++) {
      let next = memo.get(args[i]) as CallMemo | undefined;
      if (!next) memo.set(args[i], (next = new Map()));
      memo = next;
    }
    const last = args.length === 0 ? UNDEFINED : args[args.length - 1];
    const hit = memo.get(last);
    if (hit !== undefined) return hit === UNDEFINED ? undefined : (hit as Value);
    const result = this.computeCall(node, args, loc);
    memo.set(last, result === undefined ? UNDEFINED : result);
    calls.size++;
    return result;
  }

  private computeCall(node: RuleNode, args: Value[], loc: Location): Value | undefined {
    const outcome: CallOutcome = { value: undefined, found: false };
    const earlyExit = node.functionsExitEarly;
    // Made only for definitions whose value needs a continuation (most have neither body nor iteration).
    let take: ((v: Value) => boolean) | undefined;
    for (const rule of node.functions) {
      if (rule.isDefault) continue;
      if (earlyExit && outcome.value !== undefined) break;
      for (let r: IRRule | undefined = rule; r; r = r.else) {
        const f: Frame = new Array(r.frameSize);
        outcome.found = false;
        const bound = bindParameters(r.args!, args, f);
        if (bound === undefined) unifyItems(this.ev, r.args!, args, 0, f, this.functionBody(r, f, (take ??= this.callResult(outcome, loc, earlyExit))));
        else if (bound && r.body.length === 0) {
          // A definition without body (`f(x) := value`, most helpers) goes straight to its value.
          const value = r.value ?? TRUE;
          const plan = singleValued(value);
          if (plan && ready(plan, f)) {
            const v = this.ev.value(value, f);
            if (v !== undefined) this.keepResult(outcome, v, loc);
          } else this.ev.evalTerm(value, f, (take ??= this.callResult(outcome, loc, earlyExit)));
        } else if (bound) this.ev.evalBody(r.body, 0, f, this.functionValue(r, f, (take ??= this.callResult(outcome, loc, earlyExit))));
        if (outcome.found) break;
      }
    }
    if (outcome.value === undefined) {
      const def = node.functions.find((r) => r.isDefault);
      if (def) return this.defaultValue(def);
    }
    return outcome.value;
  }


}

const suffixTerms = new WeakMap<IRRule, IRTerm>();

/** The dynamic part of a rule's head ref as one array term (made once: terms carry evaluation plans). */
function suffixTerm(r: IRRule): IRTerm {
  let t = suffixTerms.get(r);
  if (!t) suffixTerms.set(r, (t = uniformTerm({ t: 'array', items: r.suffix })));
  return t;
}

/**
 * Binds plain variable parameters to the arguments in a fresh frame: true when they all bind, false
 * when a repeated variable gets two different values, undefined when a parameter is a pattern.
 */
function bindParameters(params: readonly IRTerm[], args: readonly Value[], f: Frame): boolean | undefined {
  for (const p of params) if (p.t !== 'var') return undefined;
  for (let i = 0; i < params.length; i++) {
    const slot = (params[i] as { slot: number }).slot;
    const current = f[slot];
    if (current === undefined) f[slot] = args[i];
    else if (!equal(current, args[i])) return false;
  }
  return true;
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}

/** Merges virtual documents: a key defined twice with different non-object values is a conflict. */
function mergeStrict(a: Value, b: RegoObject, conflict: () => never): Value {
  if (!(a instanceof RegoObject) || !structural.has(a)) return conflict();
  const out = level();
  for (const [k, v] of a.entries()) out.set(k, v);
  for (const [k, v] of b.entries()) {
    const prev = out.get(k);
    if (prev === undefined) out.set(k, v);
    else if (prev instanceof RegoObject && v instanceof RegoObject) out.set(k, mergeStrict(prev, v, conflict));
    else if (prev instanceof RegoSet && v instanceof RegoSet) out.set(k, new RegoSet([...prev, ...v]));
    else if (!equal(prev, v)) conflict();
  }
  return out;
}

/** Base data under virtual documents: objects merge, base data wins elsewhere (as in OPA). */
function mergeLoose(base: Value, virtual: Value): Value {
  if (!(base instanceof RegoObject) || !(virtual instanceof RegoObject)) return base;
  const out = new RegoObject(base.entries());
  for (const [k, v] of virtual.entries()) {
    const prev = out.get(k);
    out.set(k, prev === undefined ? v : mergeLoose(prev, v));
  }
  return out;
}
