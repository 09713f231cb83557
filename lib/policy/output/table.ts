/** conftest's `table` output: one row per result, in a bordered text table. */
import type { CheckResult } from '../result';

/** Formats results as a table of result, file, namespace and message; empty when there are none. */
export function formatTable(results: readonly CheckResult[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    const row = (status: string, message: string): void => {
      rows.push([status, result.filename, result.namespace, message]);
    };
    for (let i = 0; i < result.successes; i++) row('success', 'SUCCESS');
    for (const warning of result.warnings) row('warning', warning.msg);
    for (const failure of result.failures) row('failure', failure.msg);
    for (const exception of result.exceptions) row('exception', exception.msg);
    for (const skipped of result.skipped) row('skipped', skipped.msg);
  }
  if (rows.length === 0) return '';
  const header = ['RESULT', 'FILE', 'NAMESPACE', 'MESSAGE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const border = `+${widths.map((width) => '-'.repeat(width + 2)).join('+')}+\n`;
  const line = (cells: string[]): string => `|${cells.map((cell, column) => ` ${cell.padEnd(widths[column])} `).join('|')}|\n`;
  return border + line(header) + border + rows.map(line).join('') + border;
}
