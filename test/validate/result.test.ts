import { resourceId, ValidationReport } from '../../lib/validate';
import { statusFromFindings, type Finding } from '../../lib/validate/result';
import { sampleReport } from './support/report';

const finding = (rule: Finding['rule']): Finding => ({ rule, severity: rule === 'api-deprecated' ? 'warning' : 'error', path: '', line: 1, message: '' });

describe('ValidationReport', () => {
  it('sorts resources by file then document index, and files by name', () => {
    const report = sampleReport();
    expect(report.resources.map((r) => `${r.file}#${r.index}`)).toEqual(['a.yaml#0', 'a.yaml#1', 'b.yaml#0', 'b.yaml#1', 'b.yaml#2', 'b.yaml#3']);
    expect(report.files).toEqual(['a.yaml', 'b.yaml']);
  });

  it('counts statuses, leaving empty documents out of the resources found', () => {
    expect(sampleReport().summary).toEqual({ resources: 5, files: 2, valid: 2, invalid: 1, errors: 1, skipped: 1, empty: 1, warnings: 1 });
  });

  it('exits 1 when anything is invalid or in error, 0 when only valid, skipped, empty or warned', () => {
    const report = sampleReport();
    expect(report.exitCode).toBe(1);
    const passing = new ValidationReport(report.resources.filter((r) => r.status !== 'invalid' && r.status !== 'error'), report.files);
    expect(passing.exitCode).toBe(0);
  });
});

describe('statusFromFindings', () => {
  it('keeps invalid (the schema says no) apart from error (could not check)', () => {
    expect(statusFromFindings([])).toBe('valid');
    expect(statusFromFindings([finding('api-deprecated')])).toBe('valid');
    expect(statusFromFindings([finding('unknown-field'), finding('api-deprecated')])).toBe('invalid');
    expect(statusFromFindings([finding('unknown-field'), finding('missing-schema')])).toBe('error');
  });
});

describe('resourceId', () => {
  it('reads kind/namespace/name, with placeholders for what is missing', () => {
    expect(resourceId({ kind: 'Deployment', namespace: 'video', name: 'web' })).toBe('Deployment/video/web');
    expect(resourceId({ kind: 'Namespace', name: 'video' })).toBe('Namespace/video');
    expect(resourceId({})).toBe('(no kind)/(no name)');
  });
});
