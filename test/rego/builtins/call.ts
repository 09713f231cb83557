/**
 * Calls a builtin the way the evaluator does (guards, then the implementation)
 * so category tests can assert results and OPA's error texts directly.
 */
import '../../../lib/rego/builtins';
import { BuiltinContext, checkOperands, getBuiltin } from '../../../lib/rego/builtins/registry';
import { Value, fromJSON, toJSON } from '../../../lib/rego/value';

/** A fixed context: non-strict, clock at 2021-03-04T05:06:07.123456789Z. */
export const context: BuiltinContext = {
  strict: false,
  nowNs: 1614834367123456789n,
  cache: new Map(),
  print: () => undefined,
};

/** Result of a builtin call, or throws `Error("<name>: <message>")` with the error's class name as `kind`. */
export function call(name: string, ...args: Value[]): Value | undefined {
  const spec = getBuiltin(name);
  if (!spec) throw new Error(`no builtin ${name}`);
  if (args.length !== spec.args.length && !spec.variadic) throw new Error(`${name}: arity ${args.length}`);
  const typeError = checkOperands(spec, args);
  if (typeError) throw Object.assign(new Error(`${name}: ${typeError.message}`), { kind: typeError.constructor.name });
  try {
    return spec.fn(args, context);
  } catch (e) {
    throw Object.assign(new Error(`${name}: ${(e as Error).message}`), { kind: (e as Error).constructor.name });
  }
}

/** Calls with JSON-like operands and returns plain JSON (sets as sorted arrays). */
export function callJSON(name: string, ...args: unknown[]): unknown {
  const out = call(name, ...args.map(fromJSON));
  return out === undefined ? undefined : toJSON(out);
}
