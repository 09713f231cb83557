/** Arithmetic, comparison, numbers.* and bits.* builtins (the operators + - * / % < == ... map here). */
import * as N from '../number';
import { RegoNumber } from '../number';
import { RegoSet, Value, compare, equal, isNumber, isSet } from '../value';
import { BuiltinError, T, defineBuiltin, operandError } from './registry';

const num = (v: Value): RegoNumber => v as RegoNumber;

defineBuiltin({ name: 'plus', args: [T.number, T.number], fn: ([a, b]) => N.add(num(a), num(b)) });
defineBuiltin({ name: 'mul', args: [T.number, T.number], fn: ([a, b]) => N.mul(num(a), num(b)) });

defineBuiltin({
  name: 'minus',
  args: [T.oneOf(T.number, T.set), T.oneOf(T.number, T.set)],
  fn: ([a, b]) => {
    if (isNumber(a)) {
      if (!isNumber(b)) throw operandError(2, 'number', b);
      return N.sub(a, b);
    }
    if (!isSet(b)) throw operandError(2, 'set', b);
    const out = new RegoSet();
    for (const x of a as RegoSet) if (!b.has(x)) out.add(x);
    return out;
  },
});

defineBuiltin({
  name: 'div',
  args: [T.number, T.number],
  fn: ([a, b]) => {
    const r = N.div(num(a), num(b));
    if (r === undefined) throw new BuiltinError('divide by zero');
    return r;
  },
});

defineBuiltin({
  name: 'rem',
  args: [T.number, T.number],
  fn: ([a, b]) => {
    if (!N.isInteger(num(a)) || !N.isInteger(num(b))) throw new BuiltinError('modulo on floating-point number');
    const r = N.rem(num(a), num(b));
    if (r === undefined) throw new BuiltinError('modulo by zero');
    return r;
  },
});

defineBuiltin({ name: 'abs', args: [T.number], fn: ([a]) => N.abs(num(a)) });
defineBuiltin({ name: 'round', args: [T.number], fn: ([a]) => N.round(num(a)) });
defineBuiltin({ name: 'ceil', args: [T.number], fn: ([a]) => N.ceil(num(a)) });
defineBuiltin({ name: 'floor', args: [T.number], fn: ([a]) => N.floor(num(a)) });

defineBuiltin({ name: 'equal', args: [T.any, T.any], exactNumbers: true, fn: ([a, b]) => equal(a, b) });
defineBuiltin({ name: 'neq', args: [T.any, T.any], exactNumbers: true, fn: ([a, b]) => !equal(a, b) });
defineBuiltin({ name: 'lt', args: [T.any, T.any], exactNumbers: true, fn: ([a, b]) => compare(a, b) < 0 });
defineBuiltin({ name: 'lte', args: [T.any, T.any], exactNumbers: true, fn: ([a, b]) => compare(a, b) <= 0 });
defineBuiltin({ name: 'gt', args: [T.any, T.any], exactNumbers: true, fn: ([a, b]) => compare(a, b) > 0 });
defineBuiltin({ name: 'gte', args: [T.any, T.any], exactNumbers: true, fn: ([a, b]) => compare(a, b) >= 0 });

const RANGE_LIMIT = 10_000_000;

function integerOperand(name: string, pos: number, v: Value): bigint {
  const n = num(v);
  if (!N.isInteger(n)) throw new BuiltinError(`${name}: operand ${pos} must be integer number but got floating-point number`);
  return N.toBigInt(n);
}

function range(a: bigint, b: bigint, step: bigint): Value[] {
  const out: Value[] = [];
  const dir = a <= b ? step : -step;
  for (let x = a; a <= b ? x <= b : x >= b; x += dir) {
    out.push(N.normalizeBig(x));
    if (out.length > RANGE_LIMIT) throw new BuiltinError(`range too large (more than ${RANGE_LIMIT} numbers)`);
  }
  return out;
}

defineBuiltin({
  name: 'numbers.range',
  args: [T.number, T.number],
  fn: ([a, b]) => range(integerOperand('numbers.range', 1, a), integerOperand('numbers.range', 2, b), 1n),
});

defineBuiltin({
  name: 'numbers.range_step',
  args: [T.number, T.number, T.number],
  fn: ([a, b, s]) => {
    const step = integerOperand('numbers.range_step', 3, s);
    if (step <= 0n) throw new BuiltinError('numbers.range_step: step must be a positive number above zero');
    return range(integerOperand('numbers.range_step', 1, a), integerOperand('numbers.range_step', 2, b), step);
  },
});

function bits(name: string, arity: 1 | 2, op: (x: bigint, y: bigint) => bigint): void {
  defineBuiltin({
    name: `bits.${name}`,
    args: arity === 1 ? [T.number] : [T.number, T.number],
    fn: (args) => {
      const xs = args.map((v, i) => {
        if (!N.isInteger(num(v))) throw operandError(i + 1, 'integer', v, 'float');
        return N.toBigInt(num(v));
      });
      return N.normalizeBig(op(xs[0], xs[1] ?? 0n));
    },
  });
}

bits('or', 2, (x, y) => x | y);
bits('and', 2, (x, y) => x & y);
bits('xor', 2, (x, y) => x ^ y);
bits('negate', 1, (x) => ~x);
bits('lsh', 2, (x, y) => x << y);
bits('rsh', 2, (x, y) => x >> y);
