/**
 * Runs one conformance case the way OPA's driver does: compile the modules,
 * evaluate the query, then compare solutions (as a set of binding objects)
 * or the error (code equal, message containing want_error).
 */
import { RegoError, compile, formatOpaStyle, termValue } from '../../rego';
import { ConformanceCase, LoadedCase } from './cases';
import { skipReason } from './skips';

/** Outcome of a case. */
export type CaseOutcome = { status: 'pass' } | { status: 'fail'; reason: string } | { status: 'skip'; reason: string };

/** Runs one case; never throws (an engine crash is the case's failure). */
export function runCase(c: LoadedCase): CaseOutcome {
  if (c.problem) return { status: 'fail', reason: `malformed case: ${c.problem}` };
  try {
    return evaluateCase(c);
  } catch (e) {
    return { status: 'fail', reason: `crash: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}` };
  }
}

function evaluateCase(c: LoadedCase): CaseOutcome {
  const skip = skipReason(c);
  if (skip) return { status: 'skip', reason: skip };
  const spec = c.spec;
  let results: Array<Record<string, unknown>>;
  let printed: string[] = [];
  try {
    const policy = compile((spec.modules ?? []).map((text, i) => ({ path: `test-${i}.rego`, text })), {
      regoVersion: c.v0 ? 'v0' : 'v1',
      strictBuiltinErrors: spec.strict_error === true,
      data: spec.data ?? {},
    });
    const input = spec.input_term !== undefined ? termValue(spec.input_term) : spec.input;
    results = policy.query(spec.query, { input });
    printed = policy.printed();
  } catch (e) {
    if (!(e instanceof RegoError)) return { status: 'fail', reason: `crash: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}` };
    return checkError(spec, e);
  }
  if (spec.want_error !== undefined || spec.want_error_code !== undefined) {
    return { status: 'fail', reason: `want error ${spec.want_error_code ?? ''} ${JSON.stringify(spec.want_error ?? '')}, got ${results.length} result(s): ${short(results)}` };
  }
  if (spec.want_output !== undefined) {
    const got = printed.join('\n');
    if (got.trimEnd() !== spec.want_output.trimEnd()) return { status: 'fail', reason: `want output ${JSON.stringify(spec.want_output)}, got ${JSON.stringify(got)}` };
  }
  if (spec.want_defined !== undefined && (results.length > 0) !== spec.want_defined) {
    return { status: 'fail', reason: `want defined=${spec.want_defined}, got ${results.length} result(s)` };
  }
  if (spec.want_result !== undefined || (spec.want_output === undefined && spec.want_defined === undefined)) {
    const want = spec.want_result ?? [];
    const sorted = spec.sort_bindings ? results.map(sortBindings) : results;
    const expected = spec.sort_bindings ? want.map(sortBindings) : want;
    if (!sameResultSet(expected, sorted)) return { status: 'fail', reason: `want ${short(expected)}, got ${short(sorted)}` };
  }
  return { status: 'pass' };
}

function checkError(spec: ConformanceCase, e: RegoError): CaseOutcome {
  const text = e.errors.map((x) => `${x.message}\n${formatOpaStyle(x)}`).join('\n');
  const got = `${e.errors[0].code}: ${e.errors[0].message}`;
  if (spec.want_error === undefined && spec.want_error_code === undefined) return { status: 'fail', reason: `unexpected error ${got}` };
  if (spec.want_error_code !== undefined && !e.errors.some((x) => x.code === spec.want_error_code)) {
    return { status: 'fail', reason: `want ${spec.want_error_code}, got ${got}` };
  }
  if (spec.want_error !== undefined && !text.includes(spec.want_error)) return { status: 'fail', reason: `want message containing ${JSON.stringify(spec.want_error)}, got ${got}` };
  return { status: 'pass' };
}

function sortBindings(b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) out[k] = Array.isArray(v) ? [...v].sort((x, y) => canonical(x).localeCompare(canonical(y))) : v;
  return out;
}

/** Solutions compared as multisets of deeply-equal binding objects. */
function sameResultSet(want: Array<Record<string, unknown>>, got: Array<Record<string, unknown>>): boolean {
  if (want.length !== got.length) return false;
  const a = want.map(canonical).sort();
  const b = got.map(canonical).sort();
  return a.every((x, i) => x === b[i]);
}

/** Canonical JSON text: sorted keys, numbers by value (so 1.0 and 1 agree). */
function canonical(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v).toString() : String(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + canonical(o[k])).join(',') + '}';
}

function short(v: unknown): string {
  const s = canonical(v);
  return s.length > 300 ? s.slice(0, 300) + '…' : s;
}
