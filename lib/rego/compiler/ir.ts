/**
 * The compiled form the interpreter runs: names resolved (locals to frame
 * slots, rules and imports to data paths, calls to builtins or functions),
 * ground terms folded to values, bodies ordered for safety.
 */
import { BuiltinSpec } from '../builtins/registry';
import { Location } from '../errors';
import { Value } from '../value';

/** A compiled term. `vars` lists the frame slots of locals inside it (not inside closures). */
export type IRTerm =
  | { readonly t: 'const'; readonly v: Value }
  | { readonly t: 'var'; readonly slot: number; readonly name: string }
  | { readonly t: 'input' }
  | { readonly t: 'data'; readonly path: readonly string[] }
  | { readonly t: 'ref'; readonly head: IRTerm; readonly path: readonly IRTerm[] }
  | { readonly t: 'array'; readonly items: readonly IRTerm[] }
  | { readonly t: 'object'; readonly entries: ReadonlyArray<readonly [IRTerm, IRTerm]> }
  | { readonly t: 'set'; readonly items: readonly IRTerm[] }
  | { readonly t: 'arraycompr' | 'setcompr'; readonly term: IRTerm; readonly body: IRBody; readonly captures: readonly number[] }
  | { readonly t: 'objectcompr'; readonly key: IRTerm; readonly value: IRTerm; readonly body: IRBody; readonly captures: readonly number[] }
  | IRCall;

/** A call of a builtin or a user function; `output` is the extra argument receiving the result. */
export interface IRCall {
  readonly t: 'call';
  readonly name: string;
  readonly builtin?: BuiltinSpec;
  readonly fnPath?: readonly string[];
  readonly args: readonly IRTerm[];
  readonly output?: IRTerm;
  readonly loc: Location;
}

/** `with target as value`: target is input, a data path, or a function/builtin name. */
export interface IRWith {
  readonly target: { readonly kind: 'input' | 'data'; readonly path: readonly string[] } | { readonly kind: 'function'; readonly name: string };
  readonly value: IRTerm;
  /** For function mocks: the replacement when it is itself a function or builtin. */
  readonly valueFn?: IRCallTarget;
  readonly loc: Location;
}

/** A function reference used as a mock. */
export type IRCallTarget = { readonly builtin: BuiltinSpec; readonly name: string } | { readonly fnPath: readonly string[]; readonly name: string };

interface IRExprBase { readonly negated: boolean; readonly with: readonly IRWith[]; readonly loc: Location }
/** One compiled literal. */
export type IRExpr =
  | (IRExprBase & { readonly kind: 'term'; readonly term: IRTerm })
  | (IRExprBase & { readonly kind: 'unify'; readonly left: IRTerm; readonly right: IRTerm })
  | (IRExprBase & { readonly kind: 'somein'; readonly key?: IRTerm; readonly value: IRTerm; readonly collection: IRTerm })
  | (IRExprBase & { readonly kind: 'every'; readonly key?: IRTerm; readonly value: IRTerm; readonly domain: IRTerm; readonly body: IRBody; readonly captures: readonly number[] });

/** A compiled body, in evaluation order. */
export type IRBody = readonly IRExpr[];

/** A compiled rule. */
export interface IRRule {
  readonly kind: 'single' | 'multi' | 'function';
  readonly isDefault: boolean;
  /** Ground path of the rule below data (package + leading string parts of the head ref). */
  readonly path: readonly string[];
  /** Dynamic rest of the head ref (e.g. `[x]` in `p[x] := y`). */
  readonly suffix: readonly IRTerm[];
  readonly key?: IRTerm;
  readonly value?: IRTerm;
  readonly args?: readonly IRTerm[];
  readonly body: IRBody;
  readonly else?: IRRule;
  /** Number of frame slots the rule's locals need. */
  readonly frameSize: number;
  /** Cheap pre-checks on input (`input.kind == "X"` guards): the rule cannot apply when one fails. */
  readonly guards: ReadonlyArray<{ readonly path: readonly string[]; readonly value: Value }>;
  readonly loc: Location;
  /** Text for messages, e.g. `data.test.p`. */
  readonly name: string;
}

/** A compiled query. */
export interface IRQuery {
  readonly body: IRBody;
  readonly frameSize: number;
  /** User-visible variables and their slots, sorted by name. */
  readonly bindings: ReadonlyArray<{ readonly name: string; readonly slot: number }>;
}

/** Slots (locals) appearing in a term outside closures. */
export function termSlots(t: IRTerm, out: number[] = []): number[] {
  switch (t.t) {
    case 'var': out.push(t.slot); break;
    case 'ref': termSlots(t.head, out); for (const p of t.path) termSlots(p, out); break;
    case 'array': case 'set': for (const x of t.items) termSlots(x, out); break;
    case 'object': for (const [k, v] of t.entries) { termSlots(k, out); termSlots(v, out); } break;
    case 'call': for (const a of t.args) termSlots(a, out); if (t.output) termSlots(t.output, out); break;
    default: break;
  }
  return out;
}
