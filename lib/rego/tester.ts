/**
 * Test runner like `opa test`: every rule named `test_*` is a test (each
 * definition separately), passing when its body succeeds with a value other
 * than false; `todo_test_*` rules are reported as skipped.
 */
import { IRRule } from './compiler/ir';
import { Program } from './compiler';
import { RegoError, formatOpaStyle } from './errors';
import { Evaluator } from './interpreter/evaluator';

/** Outcome of one test. */
export type TestStatus = 'PASS' | 'FAIL' | 'ERROR' | 'SKIP';

/** Result of one test definition. */
export interface TestResult {
  /** Package path, e.g. "kubernetes.images". */
  readonly package: string;
  /** Rule name, e.g. "test_latest_tag_denied". */
  readonly name: string;
  /** `data.<package>.<name>` as OPA prints it. */
  readonly fullName: string;
  readonly location: { readonly file: string; readonly line: number; readonly col: number };
  readonly status: TestStatus;
  readonly durationMs: number;
  /** For ERROR: the error text. */
  readonly error?: string;
  /** Lines printed by the test. */
  readonly printed: string[];
}

/** Runs the program's tests (optionally those whose full name matches filter), sorted by file and line. */
export function runTests(program: Program, filter: RegExp | undefined, evaluator: () => Evaluator): TestResult[] {
  const tests = program.rules.filter(isTest).filter((r) => !filter || filter.test(r.name));
  tests.sort((a, b) => (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.line - b.loc.line));
  return tests.map((r) => runOne(r, evaluator()));
}

function isTest(r: IRRule): boolean {
  if (r.kind === 'function') return false;
  const last = r.path[r.path.length - 1] ?? '';
  return r.suffix.length === 0 && (last.startsWith('test_') || last.startsWith('todo_test_'));
}

function runOne(r: IRRule, ev: Evaluator): TestResult {
  const name = r.path[r.path.length - 1];
  const base = {
    package: r.path.slice(0, -1).join('.'),
    name,
    fullName: r.name,
    location: { file: r.loc.file, line: r.loc.line, col: r.loc.col },
  };
  if (name.startsWith('todo_')) return { ...base, status: 'SKIP', durationMs: 0, printed: [] };
  const start = performance.now();
  let status: TestStatus;
  let error: string | undefined;
  try {
    const v = ev.docs.ruleValue(r);
    status = v === undefined || v === false ? 'FAIL' : 'PASS';
  } catch (e) {
    if (!(e instanceof RegoError)) throw e;
    status = 'ERROR';
    error = e.errors.map(formatOpaStyle).join('\n');
  }
  return { ...base, status, durationMs: performance.now() - start, error, printed: ev.printed };
}
