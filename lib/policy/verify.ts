/**
 * conftest's `verify` (`runner/verify.go`): the policies' `test_*` rules run like `opa test`, each
 * test one result in conftest's model (a failing or skipped test's message is its full name), so
 * every output format and the summary line work as for `test`.
 */
import type { TestResult } from '../rego';
import { matchNamespaces } from './namespaces';
import type { PolicySet } from './policy-set';
import { emptyCheckResult, type CheckResult } from './result';

/** What {@link verifyPolicies} runs. */
export interface VerifyOptions {
  /** `-n`: only the tests of these packages (globs allowed); default: every package. */
  readonly namespace?: readonly string[];
  /** `-r`: only the tests whose name matches. */
  readonly run?: RegExp;
  /** `-d`: data under `data`. */
  readonly data?: Record<string, unknown>;
  /** `--show-builtin-errors`: a builtin error fails its test as an error, instead of making the call undefined. */
  readonly showBuiltinErrors?: boolean;
}

/** A test that could not be evaluated (a conflict, an evaluation limit, a raised builtin error): conftest stops there. */
export class VerifyError extends Error {
  constructor(test: TestResult) {
    super(`run test: ${test.location.file}:${test.location.line}: ${test.fullName}: ${test.error ?? 'error'}`);
    this.name = 'VerifyError';
  }
}

/** The raw test results and conftest's results of them, in file and line order. */
export function verifyPolicies(policies: PolicySet, options: VerifyOptions = {}): { tests: TestResult[]; results: CheckResult[] } {
  const namespaces = options.namespace ? new Set(matchNamespaces(options.namespace, policies.namespaces())) : undefined;
  const tests = policies
    .runTests(options.run, options.data, options.showBuiltinErrors ?? false)
    .filter((test) => !namespaces || namespaces.has(packageOf(test)));
  const errored = tests.find((test) => test.status === 'ERROR');
  if (errored) throw new VerifyError(errored);
  return { tests, results: tests.map(testResult) };
}

/** `main` of `data.main.test_x`. */
function packageOf(test: TestResult): string {
  return test.fullName.slice('data.'.length, test.fullName.lastIndexOf('.'));
}

function testResult(test: TestResult): CheckResult {
  // A test's print lines show in --report only: conftest's verify results carry none.
  const result = emptyCheckResult(test.location.file, packageOf(test));
  const message = { msg: test.fullName };
  if (test.status === 'FAIL') return { ...result, failures: [message] };
  if (test.status === 'SKIP') return { ...result, skipped: [message] };
  return { ...result, successes: 1 };
}

/** The detail `--report` shows, as conftest names it. */
export const REPORT_MODES = ['full', 'notes', 'fails'] as const;

export type ReportMode = (typeof REPORT_MODES)[number];

/**
 * conftest's `verify --report` (OPA's verbose test report): the failed tests with what they printed,
 * then every test by file, then the counts. lib/rego records no trace events, so the notes under a
 * test are its `print` lines; `fails` shows them for failed tests only, `full` and `notes` for all.
 */
export function formatReport(tests: readonly TestResult[], mode: ReportMode): string {
  const rule = `${'-'.repeat(80)}\n`;
  const line = (test: TestResult): string => `${test.fullName}: ${test.status}${test.status === 'SKIP' ? '' : ` (${test.durationMs.toFixed(1)}ms)`}\n`;
  const notes = (test: TestResult): string => (test.printed.length === 0 ? '' : `\n${test.printed.map((text) => `  ${text}\n`).join('')}\n`);
  let out = '';
  const failed = tests.filter((test) => test.status === 'FAIL');
  if (failed.length > 0) out += `FAILURES\n${rule}${failed.map((test) => line(test) + notes(test)).join('')}\n`;
  out += `SUMMARY\n${rule}`;
  let file: string | undefined;
  for (const test of tests) {
    if (test.location.file !== file) out += `${file === undefined ? '' : '\n'}${(file = test.location.file)}:\n`;
    out += line(test);
    if (mode !== 'fails' && test.status !== 'FAIL') out += notes(test);
  }
  out += rule;
  for (const status of ['PASS', 'FAIL', 'SKIP'] as const) {
    const count = tests.filter((test) => test.status === status).length;
    if (count > 0) out += `${status}: ${count}/${tests.length}\n`;
  }
  return out;
}
