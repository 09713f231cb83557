/**
 * rego.parse_module (OPA topdown/parse.go): parses Rego text and returns its
 * AST as OPA's JSON (see ast-json.ts). Parse errors are builtin errors with
 * the parser's message; modules with METADATA annotations, whose JSON this
 * engine does not reproduce, are refused.
 */
import { parseModule } from '../parser';
import { annotationsOf } from '../parser/annotations';
import { fromJSON, isString } from '../value';
import { BuiltinError, T, defineBuiltin, operandError } from './registry';
import { UnrenderableError, moduleJSON } from './ast-json';

defineBuiltin({
  name: 'rego.parse_module',
  // OPA checks the module text as "operand 1" too; the guard below reproduces that.
  args: [T.string, T.any],
  fn: ([filename, text]) => {
    if (!isString(text)) throw operandError(1, 'string', text);
    const parsed = parseModule(text, filename as string);
    if (!parsed.ok) {
      const e = parsed.errors[0];
      const where = e.location ? `${e.location.file}:${e.location.line}: ` : '';
      throw new BuiltinError(`1 error occurred: ${where}${e.code}: ${e.message}`);
    }
    if (annotationsOf(parsed.value).length > 0) throw new BuiltinError('modules with METADATA annotations cannot be rendered as OPA’s AST by this engine');
    try {
      return fromJSON(moduleJSON(parsed.value, text));
    } catch (e) {
      if (e instanceof UnrenderableError) throw new BuiltinError(e.message);
      throw e;
    }
  },
});
