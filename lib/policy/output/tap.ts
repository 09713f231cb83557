/** conftest's `tap` output (`output/tap.go`), byte for byte. */
import type { CheckResult } from '../result';

/** Formats results as conftest's TAP stream: one plan per file and namespace. */
export function formatTap(results: readonly CheckResult[]): string {
  let out = '';
  for (const result of results) {
    const indicator = result.filename === '-' ? '-' : `- ${result.filename}`;
    const namespace = result.namespace === '-' ? '-' : `- ${result.namespace} -`;
    const total = result.successes + result.failures.length + result.warnings.length + result.exceptions.length + result.skipped.length;
    // conftest stops writing at the first result that tested nothing; so does this, to stay identical.
    if (total === 0) return out;

    let counter = 1;
    const line = (status: string, message: string): void => {
      out += `${status} ${counter} ${indicator} ${namespace} ${message}\n`;
      counter++;
    };
    out += `1..${total}\n`;
    for (const failure of result.failures) line('not ok', failure.msg);
    if (result.warnings.length > 0) {
      out += '# warnings\n';
      for (const warning of result.warnings) line('not ok', warning.msg);
    }
    if (result.exceptions.length > 0) {
      out += '# exceptions\n';
      for (const exception of result.exceptions) line('ok', exception.msg);
    }
    if (result.skipped.length > 0) {
      out += '# skip\n';
      for (const skipped of result.skipped) line('ok', skipped.msg);
    }
    if (result.successes > 0) {
      out += '# successes\n';
      for (let i = 0; i < result.successes; i++) line('ok', 'SUCCESS');
    }
  }
  return out;
}
