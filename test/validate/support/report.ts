import { ValidationReport, type ResourceResult } from '../../../lib/validate';

/** A small report with one resource of every status, for formatter and result tests. */
export function sampleReport(): ValidationReport {
  const resources: ResourceResult[] = [
    { file: 'b.yaml', index: 0, line: 1, apiVersion: 'v1', kind: 'Service', name: 'web', status: 'valid', findings: [] },
    {
      file: 'a.yaml',
      index: 1,
      line: 8,
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'video',
      name: 'web',
      status: 'invalid',
      findings: [{ rule: 'unknown-field', severity: 'error', path: '/spec/replica', line: 12, message: 'unknown field "replica": did you mean "replicas"?' }],
    },
    {
      file: 'a.yaml',
      index: 0,
      line: 1,
      kind: 'ConfigMap',
      name: 'settings',
      status: 'error',
      findings: [{ rule: 'missing-api-version', severity: 'error', path: '/apiVersion', line: 1, message: "missing 'apiVersion' key" }],
    },
    { file: 'b.yaml', index: 1, line: 5, apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', status: 'skipped', reason: 'Widget is listed in --skip', findings: [] },
    {
      file: 'b.yaml',
      index: 2,
      line: 9,
      apiVersion: 'policy/v1beta1',
      kind: 'PodDisruptionBudget',
      name: 'pdb',
      status: 'valid',
      findings: [{ rule: 'api-deprecated', severity: 'warning', path: '/apiVersion', line: 9, message: 'policy/v1beta1 is deprecated <& "soon">' }],
    },
    { file: 'b.yaml', index: 3, line: 14, status: 'empty', findings: [] },
  ];
  return new ValidationReport(resources, ['b.yaml', 'a.yaml']);
}
