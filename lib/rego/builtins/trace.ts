/**
 * `trace(note)`: always true; records the note in the evaluation's trace, where OPA's
 * `opa test -v` (and our `rego test -v`) shows it.
 */
import { T, defineBuiltin } from './registry';

defineBuiltin({
  name: 'trace',
  args: [T.string],
  result: T.boolean,
  nondeterministic: true,
  fn: ([note], ctx) => {
    ctx.note?.(note as string);
    return true;
  },
});
