/**
 * conftest's default `stdout` output (`output/standard.go`): what the policies printed, one line per
 * finding, and the summary line.
 */
import { summaryLine, totals, type CheckResult } from '../result';

/** Options of {@link formatStdout}. */
export interface StdoutOptions {
  /** Colour the status words and the summary as conftest does (on a terminal). @default false */
  readonly color?: boolean;
  /** Leave out the EXCP lines (they still count in the summary): `--suppress-exceptions`. */
  readonly suppressExceptions?: boolean;
  /** Add `, N skipped` to the summary, as `verify` does. */
  readonly showSkipped?: boolean;
}

const colors = { white: 37, yellow: 33, red: 31, cyan: 36, green: 32 } as const;

/** Formats results as conftest's human-readable report. */
export function formatStdout(results: readonly CheckResult[], options: StdoutOptions = {}): string {
  const paint = (text: string, color: keyof typeof colors): string => (options.color ? `\x1b[${colors[color]}m${text}\x1b[0m` : text);
  let out = '';
  for (const result of results) {
    const indicator = result.filename === '-' ? '-' : `- ${result.filename}`;
    const namespace = result.namespace === '-' ? '-' : `- ${result.namespace} -`;
    for (const line of result.printed) out += `${line}\n`;
    const total = result.successes + result.warnings.length + result.failures.length + result.exceptions.length + result.skipped.length;
    if (total === 0) {
      out += `${paint('?', 'white')} ${indicator} ${namespace} no policies found\n`;
      continue;
    }
    for (const warning of result.warnings) out += `${paint('WARN', 'yellow')} ${indicator} ${namespace} ${warning.msg}\n`;
    for (const failure of result.failures) out += `${paint('FAIL', 'red')} ${indicator} ${namespace} ${failure.msg}\n`;
    if (options.suppressExceptions) continue;
    for (const exception of result.exceptions) out += `${paint('EXCP', 'cyan')} ${indicator} ${namespace} ${exception.msg}\n`;
  }
  const sum = totals(results);
  const color = sum.failures > 0 ? 'red' : sum.warnings > 0 ? 'yellow' : sum.exceptions > 0 ? 'cyan' : 'green';
  return `${out}\n${paint(summaryLine(sum, options.showSkipped), color)}\n`;
}
