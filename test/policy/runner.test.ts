/**
 * One run over several targets: each environment's data is bound once and shared by its inputs,
 * never by another environment's.
 */
import * as path from 'node:path';
import { loadPolicies, readInputs, ruleId, runChecks, type CheckTarget } from '../../lib/policy';

const file = path.join(__dirname, '..', 'fixtures', 'policy', 'broken', 'production', 'image_without_digest.yaml');
const target = (name: string): CheckTarget => ({
  label: name,
  files: readInputs([file]),
  data: { environment: { name, imageRegistries: ['registry.example.com'] } },
});

describe('runChecks', () => {
  it('checks each target with its own data, in the order given', () => {
    const results = runChecks(loadPolicies(['policies']), [target('staging'), target('production'), target('staging')], {
      perFile: ['main'],
      combined: [],
      promql: false,
    });
    // The fixture is labelled for production: elsewhere its environment label is what fails.
    expect(results.map((result) => [...new Set(result.failures.map(ruleId))])).toEqual([['K8S-LBL-002'], ['K8S-IMG-002'], ['K8S-LBL-002']]);
  });
});
