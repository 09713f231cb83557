/**
 * Acceptance tests on exact output, one fixture per scenario as in kubeconform. Expected outputs
 * live in test/fixtures/validate/expected/<scenario>.{txt,json}; after a deliberate change of
 * output, regenerate them with UPDATE_EXPECTED=1 npx jest test/validate/acceptance and review the diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from './support/cli';

const FIXTURES = path.join('test', 'fixtures', 'validate');
const EXPECTED = path.join(FIXTURES, 'expected');

interface Scenario {
  /** Names the expected-output files. */
  readonly name: string;
  readonly fixture: string;
  readonly flags?: readonly string[];
  readonly exitCode: 0 | 1;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'argocd_application', fixture: 'argocd_application.yaml', exitCode: 0 },
  { name: 'bad_int_or_string', fixture: 'bad_int_or_string.yaml', exitCode: 1 },
  { name: 'bad_quantity', fixture: 'bad_quantity.yaml', exitCode: 1 },
  { name: 'certmanager_certificate', fixture: 'certmanager_certificate.yaml', exitCode: 0 },
  { name: 'crd_with_x_kubernetes_extensions', fixture: 'crd_with_x_kubernetes_extensions.yaml', exitCode: 0 },
  { name: 'custom_resource_invalid', fixture: 'custom_resource_invalid.yaml', flags: ['--crd', `${FIXTURES}/crds`], exitCode: 1 },
  { name: 'custom_resource_valid', fixture: 'custom_resource_valid.yaml', flags: ['--crd', `${FIXTURES}/crds`], exitCode: 0 },
  { name: 'custom_resource_without_crd', fixture: 'custom_resource_valid.yaml', exitCode: 1 },
  { name: 'deprecated_api_flowcontrol_v1beta2_on_1.27', fixture: 'deprecated_api_flowcontrol_v1beta2.yaml', flags: ['--kubernetes-version', '1.27'], exitCode: 0 },
  { name: 'duplicate_key', fixture: 'duplicate_key.yaml', exitCode: 1 },
  { name: 'empty_documents', fixture: 'empty_documents.yaml', exitCode: 0 },
  { name: 'generate_name', fixture: 'generate_name.yaml', exitCode: 0 },
  { name: 'hpa_autoscaling_v2', fixture: 'hpa_autoscaling_v2.yaml', exitCode: 0 },
  { name: 'invalid_name', fixture: 'invalid_name.yaml', exitCode: 1 },
  { name: 'missing_api_version', fixture: 'missing_api_version.yaml', exitCode: 1 },
  { name: 'missing_kind', fixture: 'missing_kind.yaml', exitCode: 1 },
  { name: 'missing_name', fixture: 'missing_name.yaml', exitCode: 1 },
  { name: 'missing_required', fixture: 'missing_required.yaml', exitCode: 1 },
  { name: 'not_an_object', fixture: 'not_an_object.yaml', exitCode: 1 },
  { name: 'not_yet_served_flowcontrol_v1_on_1.27', fixture: 'not_yet_served_flowcontrol_v1.yaml', flags: ['--kubernetes-version', '1.27'], exitCode: 1 },
  { name: 'not_yet_served_flowcontrol_v1', fixture: 'not_yet_served_flowcontrol_v1.yaml', exitCode: 0 },
  { name: 'port_out_of_range', fixture: 'port_out_of_range.yaml', exitCode: 1 },
  { name: 'prometheusrule', fixture: 'prometheusrule.yaml', exitCode: 0 },
  { name: 'reject_kind', fixture: 'valid_deployment.yaml', flags: ['--reject', 'Deployment'], exitCode: 1 },
  { name: 'removed_api_extensions_v1beta1', fixture: 'removed_api_extensions_v1beta1.yaml', exitCode: 1 },
  { name: 'removed_api_flowcontrol_v1beta2', fixture: 'deprecated_api_flowcontrol_v1beta2.yaml', exitCode: 1 },
  { name: 'removed_api_policy_v1beta1_pdb', fixture: 'removed_api_policy_v1beta1_pdb.yaml', exitCode: 1 },
  {
    name: 'schema_location_template',
    fixture: 'schema_location_resources.yaml',
    flags: ['--schema-location', `${FIXTURES}/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json`, '--schema-location', 'default'],
    exitCode: 1,
  },
  { name: 'service_json', fixture: 'service.json', exitCode: 1 },
  { name: 'servicemonitor', fixture: 'servicemonitor.yaml', exitCode: 0 },
  { name: 'sidecar_container_on_1.27', fixture: 'sidecar_container.yaml', flags: ['--kubernetes-version', '1.27'], exitCode: 1 },
  { name: 'sidecar_container', fixture: 'sidecar_container.yaml', exitCode: 0 },
  { name: 'skip_kind', fixture: 'unknown_kind.yaml', flags: ['--skip', 'example.com/v1/Widget'], exitCode: 0 },
  { name: 'syntax_error', fixture: 'syntax_error.yaml', exitCode: 1 },
  { name: 'unknown_field_not_strict', fixture: 'unknown_field.yaml', flags: ['--strict=false'], exitCode: 0 },
  { name: 'unknown_field', fixture: 'unknown_field.yaml', exitCode: 1 },
  { name: 'unknown_kind_ignored', fixture: 'unknown_kind.yaml', flags: ['--ignore-missing-schemas'], exitCode: 0 },
  { name: 'unknown_kind', fixture: 'unknown_kind.yaml', exitCode: 1 },
  { name: 'valid_deployment', fixture: 'valid_deployment.yaml', exitCode: 0 },
  { name: 'valid_deployment_verbose', fixture: 'valid_deployment.yaml', flags: ['--verbose'], exitCode: 0 },
  { name: 'wrong_type', fixture: 'wrong_type.yaml', exitCode: 1 },
];

/** Text as users run it; JSON with --verbose so every resource's status is pinned. */
const FORMATS = [
  { output: 'text', extension: 'txt', flags: [] },
  { output: 'json', extension: 'json', flags: ['--verbose'] },
] as const;

describe('validate acceptance (exact output per scenario)', () => {
  it('has a fixture for every scenario and a scenario for every fixture', () => {
    // Folders hold what scenarios point to (CRDs, schema files, expected output), not scenarios.
    const fixtures = fs.readdirSync(FIXTURES).filter((name) => fs.statSync(path.join(FIXTURES, name)).isFile());
    const used = new Set(SCENARIOS.map((scenario) => scenario.fixture));
    expect(fixtures.filter((name) => !used.has(name))).toEqual([]);
  });

  describe.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario) => {
    it.each(FORMATS.map((format) => [format.output, format.extension, format.flags] as const))('prints the expected %s output', async (output, extension, flags) => {
      const outcome = await runCli([path.join(FIXTURES, scenario.fixture), '--output', output, ...flags, ...(scenario.flags ?? [])]);
      const expectedFile = path.join(EXPECTED, `${scenario.name}.${extension}`);
      if (process.env.UPDATE_EXPECTED === '1') fs.writeFileSync(expectedFile, outcome.stdout);
      expect(outcome.stderr).toBe('');
      expect(outcome.stdout).toBe(fs.readFileSync(expectedFile, 'utf8'));
      expect(outcome.code).toBe(scenario.exitCode);
    });
  });
});
