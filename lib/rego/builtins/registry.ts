/**
 * Registry of built-in functions.
 *
 * Contract for category files (`builtins/<category>.ts`):
 * - A category file calls `defineBuiltin({...})` at module load for each
 *   builtin it provides, and exports nothing else the engine relies on.
 *   `builtins/index.ts` imports every category file for these side effects.
 * - `args` lists one guard per operand (see `T`). The registry checks arity and
 *   guards before calling `fn`, so `fn` may cast its operands; a failing guard
 *   raises OPA's `eval_type_error` "<name>: operand <n> must be <type> but got <type>".
 * - `fn(args, ctx)` returns the result value, or `undefined` when the call is
 *   undefined (e.g. a failed match for a relation-like builtin).
 * - To report a runtime failure, `throw new BuiltinError('message')`; it becomes
 *   `eval_builtin_error` "<name>: message", which OPA turns into "undefined"
 *   unless strict builtin errors are on. For a type problem found inside `fn`
 *   (e.g. an array member of the wrong type) throw `operandError(...)` or
 *   `new BuiltinTypeError(...)`: type errors are always raised.
 * - Values are immutable: build new arrays/RegoObject/RegoSet, never mutate operands.
 * - Builtins with no pure result (time.now_ns, rand.intn, http...) set
 *   `nondeterministic: true`; they may keep per-query state in `ctx.cache`.
 * - `deprecated: true` marks builtins that Rego v1 (and `import rego.v1`) reject.
 */
import { Location } from '../errors';
import { TypeName, Value, isArray, isNumber, isObject, isSet, typeName } from '../value';

/** A guard for one operand: its OPA type text and a check. */
export interface ArgType {
  /** Type as OPA names it in messages, e.g. "string", "array", "object[string: any]". */
  readonly name: string;
  /** True when v is acceptable. */
  check(v: Value): boolean;
  /** For composite guards: a message suffix describing what inside v is wrong (OPA's "array containing number"). */
  describe?(v: Value): string | undefined;
}

/** Per-evaluation services a builtin may use. */
export interface BuiltinContext {
  /** Whether builtin errors raise (true) or make the call undefined (false). */
  readonly strict: boolean;
  /** Evaluation start time in ns since the epoch (what time.now_ns returns). */
  readonly nowNs: bigint;
  /** Per-query memo for nondeterministic builtins (same answer within one query). */
  readonly cache: Map<string, unknown>;
  /** Output of `print`. */
  print(line: string): void;
  /** A note for the evaluation's trace (what `trace` records; `rego test -v` shows them). */
  note?(text: string): void;
}

/** Definition of one builtin. */
export interface BuiltinSpec {
  /** Fully qualified name, e.g. "strings.replace_n". */
  readonly name: string;
  /** Guards of the declared operands (arity = args.length). */
  readonly args: readonly ArgType[];
  /** Documentation only: type of the result. */
  readonly result?: ArgType;
  /** When true, any number of extra operands of the last guard's type are accepted (e.g. print). */
  readonly variadic?: boolean;
  /** Same answer for the same operands is not guaranteed. */
  readonly nondeterministic?: boolean;
  /** Rejected by Rego v1 and `import rego.v1`. */
  readonly deprecated?: boolean;
  /** Receives number literals beyond float64 exactly (comparisons); other builtins get the nearest float. */
  readonly exactNumbers?: boolean;
  /** A relation (like `walk`): `fn` returns an array of results, each one a solution. */
  readonly relation?: boolean;
  /** Implementation; operands have passed their guards. `location` is the call's place in the policy. */
  readonly fn: (args: Value[], ctx: BuiltinContext, location?: Location) => Value | undefined;
}

/** A runtime failure of a builtin (OPA's eval_builtin_error). */
export class BuiltinError extends Error {}

/** A type failure of a builtin operand (OPA's eval_type_error). */
export class BuiltinTypeError extends Error {}

/** Ends the whole evaluation with this error (OPA's halt errors, e.g. from `http.send` or `opa.runtime`). */
export class BuiltinHaltError extends Error {}

const registry = new Map<string, BuiltinSpec>();

/** Registers a builtin; a second definition of one name is a programming error. */
export function defineBuiltin(spec: BuiltinSpec): void {
  if (registry.has(spec.name)) throw new Error(`builtin ${spec.name} defined twice`);
  registry.set(spec.name, spec);
}

/** The builtin named name, if any. */
export function getBuiltin(name: string): BuiltinSpec | undefined {
  return registry.get(name);
}

/** Names of all builtins, sorted. */
export function builtinNames(): string[] {
  return [...registry.keys()].sort();
}

/**
 * OPA's operand type error: "operand <n> must be <expected> but got <type of got>",
 * or with `actual` text instead ("array containing number").
 */
export function operandError(position: number, expected: string, got: Value, actual?: string): BuiltinTypeError {
  return new BuiltinTypeError(`operand ${position} must be ${expected} but got ${actual ?? typeName(got)}`);
}

/** Checks operands against a spec; returns the error to raise, if any. */
export function checkOperands(spec: BuiltinSpec, args: readonly Value[]): BuiltinTypeError | undefined {
  for (let i = 0; i < args.length; i++) {
    const guard = spec.args[Math.min(i, spec.args.length - 1)];
    if (!guard || guard === T.any || guard.check(args[i])) continue;
    const detail = guard.describe?.(args[i]);
    return new BuiltinTypeError(`operand ${i + 1} must be ${guard.name} but got ${detail ?? typeName(args[i])}`);
  }
  return undefined;
}

/** Tests of each type, the same as `typeName(v) === name` without working the name out. */
const isOfType: Record<TypeName, (v: Value) => boolean> = {
  null: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  number: isNumber,
  string: (v) => typeof v === 'string',
  array: (v) => Array.isArray(v),
  object: isObject,
  set: isSet,
};

function simple(name: TypeName): ArgType {
  return { name, check: isOfType[name] };
}

function collectionOf(kind: 'array' | 'set', inner: ArgType): ArgType {
  const members = (v: Value): readonly Value[] => (isArray(v) ? v : isSet(v) ? v.values() : []);
  return {
    name: `${kind} of ${inner.name}s`,
    check: (v) => typeName(v) === kind && members(v).every((m) => inner.check(m)),
    describe: (v) => {
      if (typeName(v) !== kind) return undefined;
      const bad = members(v).find((m) => !inner.check(m));
      return bad === undefined ? undefined : `${kind} containing ${typeName(bad)}`;
    },
  };
}

/** Shared operand guards. */
export const T = {
  any: { name: 'any', check: () => true } as ArgType,
  null: simple('null'),
  boolean: simple('boolean'),
  number: simple('number'),
  string: simple('string'),
  array: simple('array'),
  object: simple('object'),
  set: simple('set'),
  /** An array whose members all pass inner: "array of strings". */
  arrayOf: (inner: ArgType): ArgType => collectionOf('array', inner),
  /** A set whose members all pass inner: "set of strings". */
  setOf: (inner: ArgType): ArgType => collectionOf('set', inner),
  /** Any of several guards: "one of {string, set, array}" (names in the order given). */
  oneOf: (...types: ArgType[]): ArgType => ({
    name: `one of {${types.map((t) => t.name).join(', ')}}`,
    check: (v) => types.some((t) => t.check(v)),
  }),
  /** Arrays and sets alike ("any<array[any], set[any]>" in OPA's docs). */
  collection: { name: 'one of {array, set}', check: (v: Value) => isArray(v) || isSet(v) } as ArgType,
  /** Objects, arrays and sets (things with members). */
  composite: { name: 'one of {array, object, set}', check: (v: Value) => isArray(v) || isSet(v) || isObject(v) } as ArgType,
};
