/**
 * array.concat, array.slice, array.reverse and array.flatten (OPA topdown/array.go).
 */
import { Value, isArray } from '../value';
import { T, defineBuiltin } from './registry';
import { intOperand } from './operand-helpers';

type List = readonly Value[];

defineBuiltin({ name: 'array.concat', args: [T.array, T.array], fn: ([a, b]) => [...(a as List), ...(b as List)] });

defineBuiltin({
  name: 'array.slice',
  args: [T.array, T.number, T.number],
  fn: ([array, start, stop]) => {
    const list = array as List;
    // Out-of-range bounds are clamped; an empty or inverted range gives [].
    const from = Math.max(intOperand(start, 2), 0);
    const to = Math.min(intOperand(stop, 3), list.length);
    return from >= to ? [] : list.slice(from, to);
  },
});

defineBuiltin({ name: 'array.reverse', args: [T.array], fn: ([array]) => [...(array as List)].reverse() });

// Flattens one level only: member arrays are spliced in, anything else (deeper arrays included) is kept as is.
defineBuiltin({
  name: 'array.flatten',
  args: [T.array],
  fn: ([array]) => (array as List).flatMap((member) => (isArray(member) ? member : [member])),
});
