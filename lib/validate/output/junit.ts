import { location, type ResourceResult } from '../result';
import type { OutputFactory, OutputWriter } from './options';
import { describe } from './text';

/**
 * JUnit XML as kubeconform writes it, valid against the Jenkins JUnit XSD its tests use
 * (junit5's platform-tests/src/test/resources/jenkins-junit.xsd): one test suite per file, one test
 * case per resource named `namespace/name` with class `Kind@apiVersion`; invalid resources fail,
 * errors error, skipped ones are skipped, empty documents are left out. Each suite is written when
 * its file is done, so the root element carries no totals (the XSD makes them optional; CI tools
 * add up the suites). Warnings of a valid resource go to its `system-out`.
 */
export const junitOutput: OutputFactory = (write): OutputWriter => {
  let id = 0;
  write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="validate">\n');
  return {
    file(file, results) {
      const cases = results.filter((result) => result.status !== 'empty');
      if (cases.length === 0) return;
      id++;
      const count = (status: string): number => cases.filter((result) => result.status === status).length;
      const attributes = `name="${escape(file)}" id="${id}" tests="${cases.length}" failures="${count('invalid')}" errors="${count('error')}" disabled="0" skipped="${count('skipped')}"`;
      write(`  <testsuite ${attributes}>\n${cases.map(testCase).join('')}  </testsuite>\n`);
    },
    end() {
      write('</testsuites>\n');
    },
  };
};

function testCase(resource: ResourceResult): string {
  const name = resource.namespace === undefined ? (resource.name ?? '') : `${resource.namespace}/${resource.name ?? ''}`;
  const open = `    <testcase name="${escape(name)}" classname="${escape(`${resource.kind ?? ''}@${resource.apiVersion ?? ''}`)}"`;
  const problems = resource.findings.filter((finding) => finding.severity === 'error');
  const details = (findings: typeof problems): string => findings.map((f) => `${location(resource.file, f.line)} ${describe(f)}`).join('\n');
  const message = problems.map(describe).join(' - ');
  const warnings = resource.findings.filter((finding) => finding.severity === 'warning');
  // The XSD orders a test case's children: skipped, error, failure, system-out.
  const children: string[] = [];
  if (resource.status === 'skipped') children.push(`<skipped>${escape(resource.reason ?? '')}</skipped>`);
  if (resource.status === 'error') children.push(`<error message="${escape(message)}" type="error">${escape(details(problems))}</error>`);
  if (resource.status === 'invalid') children.push(`<failure message="${escape(message)}" type="invalid">${escape(details(problems))}</failure>`);
  if (warnings.length > 0) children.push(`<system-out>${escape(details(warnings))}</system-out>`);
  if (children.length === 0) return `${open}/>\n`;
  return `${open}>\n${children.map((child) => `      ${child}\n`).join('')}    </testcase>\n`;
}

/** XML-escapes text for attributes and content; characters XML 1.0 forbids become U+FFFD. */
function escape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
