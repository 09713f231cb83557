/**
 * sprintf: Go's fmt.Sprintf over Rego values, as OPA calls it. Integers are Go
 * ints (or *big.Int beyond int64), other numbers float64, strings themselves,
 * and every other value its Rego text, so `%v` of a set prints `{"a", "b"}`
 * and `%d` of a string prints `%!d(string=…)` exactly like OPA.
 */
import { format } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';
import { UnsupportedVerbError, goSprintf } from './go/fmt';
import { toGoArg } from './operand-helpers';

defineBuiltin({
  name: 'sprintf',
  args: [T.string, T.array],
  // Literals beyond float64 (2e308) print as written, as OPA does.
  exactNumbers: true,
  fn: ([template, values]) => {
    try {
      return goSprintf(template as string, (values as readonly []).map((v) => toGoArg(v, format)));
    } catch (e) {
      if (e instanceof UnsupportedVerbError) throw new BuiltinError(e.message);
      throw e;
    }
  },
});
