/** conftest's `github` output (`output/github.go`): workflow commands that annotate the files. */
import { summaryLine, totals, type CheckResult } from '../result';

/** Formats results as GitHub Actions workflow commands, one group per file and namespace. */
export function formatGithub(results: readonly CheckResult[]): string {
  let out = '';
  for (const result of results) {
    const total = result.successes + result.failures.length + result.warnings.length + result.exceptions.length + result.skipped.length;
    out += `::group::Testing '${result.filename}' against ${total} policies in namespace '${result.namespace}'\n`;
    for (const failure of result.failures) out += `::error file=${result.filename}::${failure.msg}\n`;
    for (const warning of result.warnings) out += `::warning file=${result.filename}::${warning.msg}\n`;
    for (const exception of result.exceptions) out += `exception file=${result.filename}::${exception.msg}\n`;
    for (const skipped of result.skipped) out += `skipped file=${result.filename}::${skipped.msg}\n`;
    if (result.successes > 0) out += `success file=${result.filename} ${result.successes}\n`;
    out += '::endgroup::\n';
  }
  return `${out}${summaryLine(totals(results))}\n`;
}
