/**
 * The result model, shaped like conftest's (`output/result.go`) so that formatters can reproduce its
 * output byte for byte. The model owns the exit code; formatters only print.
 */

/** Where a result came from: conftest's `_loc` ({file, line}) of a structured message. */
export interface ResultLocation {
  readonly file?: string;
  readonly line?: number;
}

/** One message of a rule: a failure, warning, exception or skipped check. */
export interface PolicyResult {
  readonly msg: string;
  readonly loc?: ResultLocation;
  /** The structured message's other fields, plus `query` (the rule queried), as conftest adds it. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Results of one input file (or of the combined input) against one namespace. */
export interface CheckResult {
  readonly filename: string;
  readonly namespace: string;
  readonly successes: number;
  readonly skipped: readonly PolicyResult[];
  readonly warnings: readonly PolicyResult[];
  readonly failures: readonly PolicyResult[];
  readonly exceptions: readonly PolicyResult[];
  /** Lines written by the policies' `print` calls, as conftest shows them: `<file>:<line>: <text>`. */
  readonly printed: readonly string[];
}

/** Totals over all results, as conftest's summary line counts them. */
export interface ResultTotals {
  readonly tests: number;
  readonly successes: number;
  readonly warnings: number;
  readonly failures: number;
  readonly exceptions: number;
  readonly skipped: number;
}

/** How the run should turn results into an exit code (conftest's `--fail-on-warn` and `--no-fail`). */
export interface ExitPolicy {
  readonly failOnWarn?: boolean;
  readonly noFail?: boolean;
}

/** Adds up results the way conftest's summary does. */
export function totals(results: readonly CheckResult[]): ResultTotals {
  let successes = 0;
  let warnings = 0;
  let failures = 0;
  let exceptions = 0;
  let skipped = 0;
  for (const result of results) {
    successes += result.successes;
    warnings += result.warnings.length;
    failures += result.failures.length;
    exceptions += result.exceptions.length;
    skipped += result.skipped.length;
  }
  return { tests: successes + warnings + failures + exceptions + skipped, successes, warnings, failures, exceptions, skipped };
}

/**
 * conftest's exit codes: 1 when any failure, else 0; with `failOnWarn`, 2 for failures and 1 for
 * warnings; `noFail` always 0.
 */
export function exitCode(results: readonly CheckResult[], policy: ExitPolicy = {}): number {
  if (policy.noFail) return 0;
  const sum = totals(results);
  if (policy.failOnWarn) {
    if (sum.failures > 0) return 2;
    return sum.warnings > 0 ? 1 : 0;
  }
  return sum.failures > 0 ? 1 : 0;
}

/** The rule id (e.g. `K8S-IMG-001`) of a result of this project's policies, from its metadata. */
export function ruleId(result: PolicyResult): string | undefined {
  const rule = result.metadata?.rule;
  return typeof rule === 'string' ? rule : undefined;
}

/** A CheckResult with nothing in it yet. */
export function emptyCheckResult(filename: string, namespace: string): CheckResult {
  return { filename, namespace, successes: 0, skipped: [], warnings: [], failures: [], exceptions: [], printed: [] };
}

/**
 * conftest's summary: `N tests, P passed, W warnings, F failures, E exceptions`, and `, S skipped`
 * when `showSkipped` (verify's summary).
 */
export function summaryLine(sum: ResultTotals, showSkipped = false): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  return [
    plural(sum.tests, 'test'),
    `${sum.successes} passed`,
    plural(sum.warnings, 'warning'),
    plural(sum.failures, 'failure'),
    plural(sum.exceptions, 'exception'),
    ...(showSkipped ? [`${sum.skipped} skipped`] : []),
  ].join(', ');
}
