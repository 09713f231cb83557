/**
 * Calls in an evaluation: builtins (operand guards, error handling, Decimal operands), user
 * functions (with a depth limit), `with` mocks of either, relations, and `print`.
 */
import { BuiltinContext, BuiltinError, BuiltinHaltError, BuiltinTypeError, checkOperands } from '../builtins/registry';
import { IRCall, IRCallTarget } from '../compiler/ir';
import { Location, RegoError } from '../errors';
import { Decimal, toFloat } from '../number';
import { Value, format } from '../value';
import type { Evaluator, Frame } from './evaluator';
import type { RuleNode } from '../compiler/tree';
import { functionNode } from './tree-paths';
import { unify } from './unification';

function hasDecimal(values: readonly Value[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'object' && v instanceof Decimal) return true;
  }
  return false;
}

/** A Decimal operand as its nearest float (what builtins other than comparisons take). */
function approximate(v: Value): Value {
  return v instanceof Decimal ? toFloat(v) : v;
}

/** A call term with the rule-tree node of its function, once looked up (uniform.ts gives every term the field). */
type FunctionCall = IRCall & { fnNode?: RuleNode | null };

/** The node holding the functions a call names (null: none), kept on the call term. */
function calledFunction(tree: RuleNode, t: IRCall): RuleNode | null {
  const call = t as FunctionCall;
  if (call.fnNode === undefined) call.fnNode = functionNode(tree, t.fnPath!);
  return call.fnNode;
}

/** Calls of one evaluation. */
export class Calls {
  private depth = 0;
  private ctx: BuiltinContext | undefined;

  constructor(private readonly ev: Evaluator) {}

  /** Services for builtins, made on first use. */
  private get builtinCtx(): BuiltinContext {
    const { printed, notes } = this.ev;
    return (this.ctx ??= { strict: this.ev.settings.strict, nowNs: this.ev.settings.nowNs, cache: new Map(), print: printed.push.bind(printed), note: notes.push.bind(notes) });
  }

  /** A call term: k receives each result (one, or each of a relation's; true when the output argument unifies). */
  evalCall(t: IRCall, f: Frame, k: (v: Value) => boolean): boolean {
    if (t.name === 'print') return this.evalPrint(t, f, k);
    return this.ev.evalList(t.args, 0, [], f, (args) => {
      const result = this.callOnce(t, args);
      if (result === undefined) return false;
      if (t.builtin?.relation && !this.ev.state.mocks.has(t.name)) {
        for (const r of result as Value[]) if (this.deliver(t, r, f, k)) return true;
        return false;
      }
      return this.deliver(t, result, f, k);
    });
  }

  /** Passes a call's result on: unified with the output argument, if any. */
  private deliver(t: IRCall, result: Value, f: Frame, k: (v: Value) => boolean): boolean {
    return t.output ? unify(this.ev, t.output, result, f, () => k(true)) : k(result);
  }

  /** The call's result (for relations: the array of results), or undefined. */
  callOnce(t: IRCall, args: Value[]): Value | undefined {
    const mock = this.ev.state.mocks.size > 0 ? this.ev.state.mocks.get(t.name) : undefined;
    if (mock) return mock.value !== undefined ? mock.value : this.callMock(mock.fn!, t, args);
    if (t.fnPath) return this.callFunction(calledFunction(this.ev.program.tree, t), args, t.loc);
    return this.callBuiltin(t, args);
  }

  /** Calls a mock's replacement with no mocks in force (a replacement may call the original). */
  private callMock(fn: IRCallTarget, t: IRCall, args: Value[]): Value | undefined {
    const outer = this.ev.state;
    this.ev.state = { ...outer, mocks: new Map() };
    this.ev.docs.pushCache();
    try {
      if (!('builtin' in fn)) return this.callFunction(functionNode(this.ev.program.tree, fn.fnPath), args, t.loc);
      const result = this.callBuiltin({ ...t, builtin: fn.builtin, name: fn.name, output: undefined }, args);
      return fn.builtin.relation && result !== undefined ? (result as Value[])[0] : result;
    } finally {
      this.ev.docs.popCache();
      this.ev.state = outer;
    }
  }

  private callFunction(node: RuleNode | null, args: Value[], loc: Location): Value | undefined {
    if (++this.depth > this.ev.settings.maxDepth) throw this.ev.error('eval_limit_error', `function calls nested deeper than ${this.ev.settings.maxDepth}`, loc);
    try {
      return this.ev.docs.callFunction(node, args, loc);
    } finally {
      this.depth--;
    }
  }

  private callBuiltin(t: IRCall, given: Value[]): Value | undefined {
    const spec = t.builtin!;
    const args = spec.exactNumbers || !hasDecimal(given) ? given : given.map(approximate);
    const typeErr = checkOperands(spec, args);
    if (typeErr) {
      if (this.ev.settings.strict) throw this.ev.error('eval_type_error', `${t.name}: ${typeErr.message}`, t.loc);
      return undefined;
    }
    let result: Value | undefined;
    try {
      result = spec.fn(args, this.builtinCtx, t.loc);
    } catch (e) {
      if (e instanceof RegoError) throw e;
      if (e instanceof BuiltinTypeError) {
        if (this.ev.settings.strict) throw this.ev.error('eval_type_error', `${t.name}: ${e.message}`, t.loc);
        return undefined;
      }
      if (e instanceof BuiltinHaltError) throw this.ev.error('eval_builtin_error', `${t.name}: ${e.message}`, t.loc);
      if (e instanceof RangeError) throw e;
      const message = e instanceof BuiltinError ? e.message : `internal error: ${(e as Error).message}`;
      if (this.ev.settings.strict) throw this.ev.error('eval_builtin_error', `${t.name}: ${message}`, t.loc);
      return undefined;
    }
    return result;
  }

  /** print: each operand's values (all of them), `<undefined>` when none; one line per combination. */
  private evalPrint(t: IRCall, f: Frame, k: (v: Value) => boolean): boolean {
    const columns = t.args.map((a) => {
      const vals: string[] = [];
      this.ev.evalTerm(a, f, (v) => (vals.push(typeof v === 'string' ? v : format(v)), false));
      return vals.length > 0 ? vals : ['<undefined>'];
    });
    const emit = (i: number, acc: string[]): void => {
      if (i === columns.length) {
        this.ev.printed.push(acc.join(' '));
        this.ev.printLocations.push(t.loc);
        return;
      }
      for (const c of columns[i]) emit(i + 1, [...acc, c]);
    };
    emit(0, []);
    return t.output ? unify(this.ev, t.output, true, f, () => k(true)) : k(true);
  }
}
