import type { ResourceResult } from '../result';
import type { OutputFactory, OutputWriter } from './options';

/**
 * TAP version 13 as kubeconform writes it: one test point per document as it is validated
 * (`ok 1 - file (apiVersion/Kind/namespace/name)`, `not ok 2 - file (…): message`, `# skip`,
 * `(empty)`), the plan `1..N` last. Each finding follows its test point in a YAML block with its line.
 */
export const tapOutput: OutputFactory = (write): OutputWriter => {
  let number = 0;
  return {
    file(_file, results) {
      const lines: string[] = [];
      for (const result of results) {
        number++;
        if (number === 1) lines.push('TAP version 13');
        lines.push(...testPoint(result, number));
      }
      if (lines.length > 0) write(`${lines.join('\n')}\n`);
    },
    end() {
      write(`${number === 0 ? 'TAP version 13\n' : ''}1..${number}\n`);
    },
  };
};

function testPoint(result: ResourceResult, number: number): string[] {
  const qualifiedName = `${result.apiVersion ?? ''}/${result.kind ?? ''}/${result.namespace ?? ''}/${result.name ?? ''}`;
  const errors = result.findings.filter((finding) => finding.severity === 'error');
  const message = errors.map((finding) => (finding.path === '' ? finding.message : `${finding.path}: ${finding.message}`)).join(' - ');
  let line: string;
  if (result.status === 'empty') line = `ok ${number} - ${result.file} (empty)`;
  else if (result.status === 'error') line = `not ok ${number} - ${result.file}: ${message}`;
  else if (result.status === 'invalid') line = `not ok ${number} - ${result.file} (${qualifiedName}): ${message}`;
  else if (result.status === 'skipped') line = `ok ${number} - ${result.file} (${qualifiedName}) # skip`;
  else line = `ok ${number} - ${result.file} (${qualifiedName})`;
  if (result.findings.length === 0) return [line];
  const diagnostics = ['  ---', `  status: ${result.status}`, '  findings:'];
  for (const f of result.findings) {
    // JSON strings are valid YAML scalars and need no further escaping.
    diagnostics.push(`    - line: ${f.line}`, `      rule: ${f.rule}`, `      severity: ${f.severity}`, `      path: ${JSON.stringify(f.path)}`, `      message: ${JSON.stringify(f.message)}`);
  }
  return [line, ...diagnostics, '  ...'];
}
