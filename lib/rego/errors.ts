/**
 * Errors of the Rego engine with OPA's codes and one renderer
 * (`file:line:col: code: message`, the source line and a caret).
 */

/** A position in a source file (1-based line and column). */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** OPA's error codes. */
export type RegoErrorCode =
  | 'rego_parse_error'
  | 'rego_compile_error'
  | 'rego_type_error'
  | 'rego_unsafe_var_error'
  | 'rego_recursion_error'
  | 'eval_conflict_error'
  | 'eval_builtin_error'
  | 'eval_type_error'
  | 'eval_cancel_error'
  | 'eval_limit_error';

/** One error: what (code, message) and where. */
export interface RegoErrorDetail {
  readonly code: RegoErrorCode;
  readonly message: string;
  readonly location?: Location;
}

/** Source texts by file name, so errors can quote the offending line. */
export type SourceMap = ReadonlyMap<string, string>;

/** Thrown by compile and evaluation; `.errors` holds every problem found, `.message` renders them. */
export class RegoError extends Error {
  readonly errors: RegoErrorDetail[];

  constructor(errors: RegoErrorDetail[], sources?: SourceMap) {
    super(renderErrors(errors, sources));
    this.name = 'RegoError';
    this.errors = errors;
  }

  /** The first error's code (a RegoError always has at least one). */
  get code(): RegoErrorCode {
    return this.errors[0].code;
  }
}

/** Shorthand for a single-error RegoError. */
export function regoError(code: RegoErrorCode, message: string, location?: Location, sources?: SourceMap): RegoError {
  return new RegoError([{ code, message, location }], sources);
}

/** OPA's one-line form of an error: `file:line: code: message` (what `opa eval` prints). */
export function formatOpaStyle(e: RegoErrorDetail): string {
  const where = e.location ? `${e.location.file}:${e.location.line}: ` : '';
  return `${where}${e.code}: ${e.message}`;
}

/** Renders one error with the quoted source line and a caret under the column. */
export function renderError(e: RegoErrorDetail, sources?: SourceMap): string {
  if (!e.location) return `${e.code}: ${e.message}`;
  const { file, line, col } = e.location;
  const head = `${file}:${line}:${col}: ${e.code}: ${e.message}`;
  const text = sources?.get(file);
  if (text === undefined) return head;
  const src = text.split('\n')[line - 1];
  if (src === undefined) return head;
  const shown = src.replace(/\t/g, ' ');
  return `${head}\n  ${shown}\n  ${' '.repeat(Math.max(0, col - 1))}^`;
}

/** Renders several errors, sorted by place, with a count line when there are more than one. */
export function renderErrors(errors: readonly RegoErrorDetail[], sources?: SourceMap): string {
  const sorted = [...errors].sort(compareErrors);
  const body = sorted.map((e) => renderError(e, sources)).join('\n');
  return sorted.length > 1 ? `${sorted.length} errors occurred:\n${body}` : body;
}

function compareErrors(a: RegoErrorDetail, b: RegoErrorDetail): number {
  const la = a.location;
  const lb = b.location;
  if (!la || !lb) return la ? 1 : lb ? -1 : 0;
  return la.file < lb.file ? -1 : la.file > lb.file ? 1 : la.line - lb.line || la.col - lb.col;
}
