/** conftest's `junit` output: one test case per result (go-junit-report's layout). */
import type { CheckResult } from '../result';

interface TestCase {
  readonly name: string;
  readonly outcome: 'pass' | 'fail' | 'skip';
  readonly output: string;
}

/** Options of {@link formatJunit}. */
export interface JunitOptions {
  /** Name test cases by file and namespace only, without the message (`--junit-hide-message`). */
  readonly hideMessage?: boolean;
}

/** Formats results as a JUnit XML report with one suite, `conftest`. */
export function formatJunit(results: readonly CheckResult[], options: JunitOptions = {}): string {
  const cases: TestCase[] = [];
  for (const result of results) {
    const name = (message: string): string =>
      message === '' || options.hideMessage ? `${result.filename} - ${result.namespace}` : `${result.filename} - ${result.namespace} - ${message.split('\n')[0]}`;
    for (const warning of result.warnings) cases.push({ name: name(warning.msg), outcome: 'fail', output: warning.msg });
    for (const failure of result.failures) cases.push({ name: name(failure.msg), outcome: 'fail', output: failure.msg });
    for (const skipped of result.skipped) cases.push({ name: name(skipped.msg), outcome: 'skip', output: skipped.msg });
    for (let i = 0; i < result.successes; i++) cases.push({ name: name(''), outcome: 'pass', output: '' });
  }
  const failures = cases.filter((test) => test.outcome === 'fail').length;
  const skipped = cases.filter((test) => test.outcome === 'skip').length;
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n';
  out += `\t<testsuite tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="0.000" name="conftest">\n`;
  for (const test of cases) {
    out += `\t\t<testcase classname="conftest" name="${xml(test.name)}" time="0.000">`;
    if (test.outcome === 'fail') out += `\n\t\t\t<failure message="Failed" type="">${xml(test.output)}</failure>\n\t\t`;
    if (test.outcome === 'skip') out += `\n\t\t\t<skipped message="${xml(test.output)}"></skipped>\n\t\t`;
    out += '</testcase>\n';
  }
  return `${out}\t</testsuite>\n</testsuites>\n`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
