/** Casts: to_number and Rego v0's deprecated cast_<type> builtins. */
import { parseNumber } from '../number';
import { RegoObject, RegoSet, isArray, isSet } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';

defineBuiltin({
  name: 'to_number',
  args: [T.oneOf(T.null, T.boolean, T.number, T.string)],
  fn: ([v]) => {
    if (v === null || v === false) return 0;
    if (v === true) return 1;
    if (typeof v !== 'string') return v;
    // Go's strconv.ParseFloat syntax, which JSON-style parsing covers except for these extras.
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) {
      throw new BuiltinError(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
    }
    return parseNumber(v.replace(/^\+/, ''));
  },
});

defineBuiltin({ name: 'cast_array', args: [T.oneOf(T.array, T.set)], deprecated: true, fn: ([v]) => (isSet(v) ? v.values() : v) });
defineBuiltin({ name: 'cast_set', args: [T.oneOf(T.array, T.set)], deprecated: true, fn: ([v]) => (isArray(v) ? new RegoSet(v) : v) });
defineBuiltin({ name: 'cast_string', args: [T.string], deprecated: true, fn: ([v]) => v });
defineBuiltin({ name: 'cast_boolean', args: [T.boolean], deprecated: true, fn: ([v]) => v });
defineBuiltin({ name: 'cast_null', args: [T.null], deprecated: true, fn: ([v]) => v });
defineBuiltin({ name: 'cast_object', args: [T.object], deprecated: true, fn: ([v]) => v as RegoObject });
