/**
 * Operand conversions shared by the string, regex, time, encoding and collection
 * builtins, with OPA's exact messages (topdown/builtins/builtins.go).
 */
import { Decimal, formatNumber, isInteger, toBigInt, toFloat } from '../number';
import { Value, isArray, isNumber, isSet, isString, typeName } from '../value';
import { ArgType, BuiltinTypeError, operandError } from './registry';
import { GoArg } from './go/fmt';

/** OPA's IntOperand: an integer that fits a Go int, else "must be integer number but got floating-point number". */
export function intOperand(v: Value, position: number): number {
  if (!isNumber(v)) throw operandError(position, 'number', v);
  if (!isInteger(v) || typeof v === 'bigint') {
    throw new BuiltinTypeError(`operand ${position} must be integer number but got floating-point number`);
  }
  return v;
}

/** OPA's StringSliceOperand: the strings of an array or set ("array of strings but got array containing number"). */
export function stringsOperand(v: Value, position: number): string[] {
  if (!isArray(v) && !isSet(v)) throw operandError(position, 'one of {array, set}', v);
  const members = isArray(v) ? v : v.values();
  const kind = typeName(v);
  for (const m of members) {
    if (!isString(m)) throw operandError(position, `${kind} of strings`, v, `${kind} containing ${typeName(m)}`);
  }
  return members as string[];
}

/** A guard named like OPA's messages for "string, set or array". */
export const stringOrCollection: ArgType = {
  name: 'one of {string, set, array}',
  check: (v) => isString(v) || isArray(v) || isSet(v),
};

/** A guard for arrays and sets, named as OPA names it in concat ("one of {set, array}"). */
export const setOrArray: ArgType = {
  name: 'one of {set, array}',
  check: (v) => isArray(v) || isSet(v),
};

/** Code points of a string (Go's []rune). */
export function runes(s: string): string[] {
  return Array.from(s);
}


const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * How OPA's sprintf hands a Rego value to Go's fmt (see builtinSprintf): an int,
 * a *big.Int, a float64, or, for a literal no float64 can hold (2e308), its text.
 */
export function toGoArg(v: Value, formatValue: (v: Value) => string): GoArg {
  if (v instanceof Decimal) {
    // Go's ParseFloat fails only on overflow; tiny or long literals round to a float.
    const nearest = toFloat(v);
    return Number.isFinite(nearest) ? { type: 'float64', value: nearest } : { type: 'string', value: formatNumber(v) };
  }
  if (isNumber(v)) {
    if (isInteger(v)) {
      const b = toBigInt(v);
      return { type: b >= INT64_MIN && b <= INT64_MAX ? 'int' : '*big.Int', value: b };
    }
    return { type: 'float64', value: v as number };
  }
  if (isString(v)) return { type: 'string', value: v };
  return { type: 'string', value: formatValue(v) };
}


