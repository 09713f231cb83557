/**
 * Test runner like `opa test`: every rule named `test_*` is a test (each
 * definition separately), passing when its body succeeds with a value other
 * than false; `todo_test_*` rules are reported as skipped.
 */
import { IRRule } from './compiler/ir';
import { Program } from './compiler';
import { RegoError, formatOpaStyle } from './errors';
import { Evaluator } from './interpreter/evaluator';
import { parseModule } from './parser';

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
  /** Notes recorded by `trace` calls during the test. */
  readonly notes: string[];
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
  if (name.startsWith('todo_')) return { ...base, status: 'SKIP', durationMs: 0, printed: [], notes: [] };
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
  return { ...base, status, durationMs: performance.now() - start, error, printed: ev.printed, notes: ev.notes };
}

/**
 * How many test definitions the modules declare, from parsing alone: what a run counts as failed
 * when the modules do not compile (OPA then runs none of them). Modules that do not parse count none.
 */
export function countDeclaredTests(modules: ReadonlyArray<{ path: string; text: string }>, regoVersion: 'v0' | 'v1'): number {
  let n = 0;
  for (const m of modules) {
    const parsed = parseModule(m.text, m.path, regoVersion);
    if (!parsed.ok) continue;
    for (const r of parsed.value.rules) {
      const name = r.head.ref[0];
      if (r.kind !== 'function' && r.head.ref.length === 1 && name.type === 'scalar' && String(name.value).startsWith('test_')) n++;
    }
  }
  return n;
}
