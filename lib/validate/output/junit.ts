import { resourceId, type ResourceResult, type ValidationReport } from '../result';
import type { OutputOptions } from './options';

/**
 * JUnit XML for CI test tabs: one test suite per file, one test case per resource; invalid
 * resources fail, errors error, skipped ones are skipped. Empty documents are left out.
 */
export function formatJunit(report: ValidationReport, _options: OutputOptions): string {
  const suites = report.files.map((file) => suite(file, report.resources.filter((r) => r.file === file && r.status !== 'empty')));
  const all = report.resources.filter((r) => r.status !== 'empty');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="validate" ${counts(all)}>`,
    ...suites.flat(),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function suite(file: string, resources: ResourceResult[]): string[] {
  return [`  <testsuite name="${escape(file)}" ${counts(resources)}>`, ...resources.flatMap(testCase), '  </testsuite>'];
}

function counts(resources: ResourceResult[]): string {
  const count = (status: string): number => resources.filter((r) => r.status === status).length;
  return `tests="${resources.length}" failures="${count('invalid')}" errors="${count('error')}" skipped="${count('skipped')}"`;
}

function testCase(resource: ResourceResult): string[] {
  const open = `    <testcase name="${escape(resourceId(resource))}" classname="${escape(resource.file)}">`;
  const details = resource.findings.map((f) => `${resource.file}:${f.line} ${f.path === '' ? '' : `${f.path}: `}${f.message}`).join('\n');
  const first = resource.findings[0]?.message ?? '';
  switch (resource.status) {
    case 'invalid':
      return [open, `      <failure message="${escape(first)}" type="invalid">${escape(details)}</failure>`, '    </testcase>'];
    case 'error':
      return [open, `      <error message="${escape(first)}" type="error">${escape(details)}</error>`, '    </testcase>'];
    case 'skipped':
      return [open, `      <skipped message="${escape(resource.reason ?? '')}"/>`, '    </testcase>'];
    default:
      // Warnings of a valid resource go to its output, where CI shows them without failing.
      if (details === '') return [`${open.slice(0, -1)}/>`];
      return [open, `      <system-out>${escape(details)}</system-out>`, '    </testcase>'];
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
