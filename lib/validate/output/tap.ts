import { resourceId, type ResourceResult, type ValidationReport } from '../result';
import type { OutputOptions } from './options';

/**
 * TAP version 13: one test point per resource (empty documents left out), findings in a YAML
 * diagnostic block under the test point.
 */
export function formatTap(report: ValidationReport, _options: OutputOptions): string {
  const resources = report.resources.filter((r) => r.status !== 'empty');
  const lines = ['TAP version 13', `1..${resources.length}`];
  resources.forEach((resource, i) => lines.push(...testPoint(resource, i + 1)));
  return `${lines.join('\n')}\n`;
}

function testPoint(resource: ResourceResult, number: number): string[] {
  const description = `${resource.file}:${resource.line} ${resourceId(resource)}`;
  const ok = resource.status === 'invalid' || resource.status === 'error' ? 'not ok' : 'ok';
  const directive = resource.status === 'skipped' ? ` # SKIP ${resource.reason ?? ''}` : '';
  const lines = [`${ok} ${number} - ${description}${directive}`];
  if (resource.findings.length > 0) {
    lines.push('  ---', `  status: ${resource.status}`, '  findings:');
    for (const f of resource.findings) {
      // JSON strings are valid YAML scalars and need no further escaping.
      lines.push(`    - line: ${f.line}`, `      rule: ${f.rule}`, `      severity: ${f.severity}`, `      path: ${JSON.stringify(f.path)}`, `      message: ${JSON.stringify(f.message)}`);
    }
    lines.push('  ...');
  }
  return lines;
}
