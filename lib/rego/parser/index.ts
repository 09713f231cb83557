/** Parser entry points: modules, queries and single terms. Never throw; errors are returned. */
import { Body, Module, Term } from '../ast';
import { RegoErrorDetail } from '../errors';
import { lex } from '../lexer';
import { parseAnnotations, recordAnnotations } from './annotations';
import { ModuleParser } from './module';
import { ParseAbort } from './stream';
import { TermParser } from './terms';

/** Outcome of a parse: the node, or errors. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: RegoErrorDetail[] };

function run<T>(text: string, file: string, f: (tokens: ReturnType<typeof lex>['tokens']) => T): ParseResult<T> {
  const { tokens, errors } = lex(text, file);
  if (errors.length > 0) return { ok: false, errors: [errors[0]] };
  try {
    return { ok: true, value: f(tokens) };
  } catch (e) {
    if (e instanceof ParseAbort) return { ok: false, errors: [e.detail] };
    if (e instanceof RangeError) return { ok: false, errors: [{ code: 'rego_parse_error', message: 'input nested too deeply', location: { file, line: 1, col: 1 } }] };
    throw e;
  }
}

/** Parses a module in Rego v1 (default) or v0 syntax. */
export function parseModule(text: string, file: string, version: 'v0' | 'v1' = 'v1'): ParseResult<Module> {
  const parsed = run(text, file, (tokens) => new ModuleParser(tokens, file, version).parseModule());
  if (!parsed.ok) return parsed;
  const { annotations, errors } = parseAnnotations(text, parsed.value);
  if (errors.length > 0) return { ok: false, errors };
  recordAnnotations(parsed.value, annotations);
  return parsed;
}

/** Parses a query (`data.x.y = z; z > 1`). All future keywords are enabled. */
export function parseQuery(text: string, file = 'query'): ParseResult<Body> {
  return run(text, file, (tokens) => new TermParser(tokens, file, ['contains', 'every', 'if', 'in']).parseQueryBody());
}

/** Parses one term (e.g. a test case's `input_term`). */
export function parseTerm(text: string, file = 'term'): ParseResult<Term> {
  return run(text, file, (tokens) => {
    const p = new (class extends TermParser {
      whole(): Term {
        const t = this.parseTermIn();
        if (this.tok.kind !== 'eof') this.fail(`unexpected ${this.describe(this.tok)} after term`);
        return t;
      }
    })(tokens, file, ['contains', 'every', 'if', 'in']);
    return p.whole();
  });
}
