/**
 * glob.match and glob.quote_meta (OPA topdown/glob.go over gobwas/glob).
 * Delimiters: null means none, [] means the default ["."].
 */
import { Value, isArray } from '../value';
import { BuiltinError, T, defineBuiltin, operandError } from './registry';
import { GlobSyntaxError, globMatch, globQuoteMeta } from './go/glob';

defineBuiltin({
  name: 'glob.match',
  args: [T.string, T.oneOf({ name: 'array', check: isArray }, T.null), T.string],
  fn: ([pattern, delimiters, text]) => {
    const delims = delimiters === null ? [] : delimiterList(delimiters);
    try {
      return globMatch(pattern as string, delims.length === 0 && delimiters !== null ? ['.'] : delims, text as string);
    } catch (e) {
      if (e instanceof GlobSyntaxError) throw new BuiltinError(e.message);
      throw e;
    }
  },
});

defineBuiltin({
  name: 'glob.quote_meta',
  args: [T.string],
  fn: ([pattern]) => globQuoteMeta(pattern as string),
});

/** OPA's RuneSliceOperand: every member a one-character string. */
function delimiterList(v: Value): string[] {
  const members = v as readonly Value[];
  return members.map((m) => {
    if (typeof m !== 'string') throw operandError(2, 'array of strings', v, `array containing ${m === null ? 'null' : typeof m}`);
    if (Array.from(m).length !== 1) throw operandError(2, 'array of runes', v, 'array containing string');
    return m;
  });
}
