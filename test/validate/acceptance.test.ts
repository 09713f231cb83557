/**
 * Acceptance tests on exact output, one fixture per scenario as in kubeconform's acceptance.bats.
 * Each scenario runs in three formats: text with -summary (`<scenario>.txt`), kubeconform's JSON with
 * -summary (`<scenario>.kubeconform.json`) and our detailed JSON with -verbose (`<scenario>.json`),
 * all under test/fixtures/validate/expected/. After a deliberate change of output, regenerate them
 * with UPDATE_EXPECTED=1 npx jest test/validate/acceptance and review the diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from './support/cli';

const FIXTURES = path.join('test', 'fixtures', 'validate');
const EXPECTED = path.join(FIXTURES, 'expected');

interface Scenario {
  /** Names the expected-output files. */
  readonly name: string;
  /** Paths under test/fixtures/validate given to the command (none: only the flags). */
  readonly fixtures: readonly string[];
  readonly flags?: readonly string[];
  /** A fixture piped into standard input. */
  readonly stdin?: string;
  readonly exitCode: 0 | 1;
}

const one = (name: string, fixture: string, exitCode: 0 | 1, flags: readonly string[] = []): Scenario => ({ name, fixtures: [fixture], flags, exitCode });

const SCENARIOS: readonly Scenario[] = [
  one('argocd_application', 'argocd_application.yaml', 0),
  one('bad_int_or_string', 'bad_int_or_string.yaml', 1),
  one('bad_quantity', 'bad_quantity.yaml', 1),
  one('certmanager_certificate', 'certmanager_certificate.yaml', 0),
  one('comments_only', 'comments_only.yaml', 0),
  one('crd_with_x_kubernetes_extensions', 'crd_with_x_kubernetes_extensions.yaml', 0, ['-strict']),
  one('custom_resource_invalid', 'custom_resource_invalid.yaml', 1, ['-strict', '-crd', `${FIXTURES}/crds`]),
  one('custom_resource_valid', 'custom_resource_valid.yaml', 0, ['-strict', '-crd', `${FIXTURES}/crds`]),
  one('custom_resource_without_crd', 'custom_resource_valid.yaml', 1),
  one('deprecated_api_flowcontrol_v1beta2_on_1.27', 'deprecated_api_flowcontrol_v1beta2.yaml', 0, ['-kubernetes-version', '1.27']),
  one('duplicate_key', 'duplicate_key.yaml', 0),
  one('hostname_override_on_1.33', 'hostname_override.yaml', 1, ['-strict', '-kubernetes-version', '1.33']),
  one('hostname_override_on_1.34', 'hostname_override.yaml', 0, ['-strict', '-kubernetes-version', '1.34']),
  one('duplicate_key_strict', 'duplicate_key.yaml', 1, ['-strict']),
  one('duplicate_keys_everywhere', 'duplicate_keys_everywhere.yaml', 0),
  one('duplicate_keys_everywhere_strict', 'duplicate_keys_everywhere.yaml', 1, ['-strict']),
  one('empty_documents', 'empty_documents.yaml', 0),
  one('empty_file', 'empty_file.yaml', 0),
  one('exit_on_error', 'multi_invalid.yaml', 1, ['-exit-on-error']),
  { name: 'folder_recursive_with_symlinks', fixtures: ['folder'], exitCode: 0 },
  { name: 'folder_ignore_filename_pattern', fixtures: ['folder'], flags: ['-ignore-filename-pattern', 'linked', '-ignore-filename-pattern', '\\.json$'], exitCode: 0 },
  one('generate_name', 'generate_name.yaml', 0),
  one('hpa_autoscaling_v2', 'hpa_autoscaling_v2.yaml', 0),
  one('invalid_name', 'invalid_name.yaml', 1),
  { name: 'kubeconform_command_line', fixtures: ['unknown_field.yaml', 'valid_deployment.yaml'], flags: ['-strict', '-ignore-missing-schemas', '-n', '8', '-kubernetes-version', '1.27.3', '-skip', 'Secret'], exitCode: 1 },
  one('list_empty', 'list_empty.yaml', 0),
  one('list_invalid', 'list_invalid.yaml', 1, ['-ignore-missing-schemas']),
  one('list_valid', 'list_valid.yaml', 0),
  one('missing_api_version', 'missing_api_version.yaml', 1),
  one('missing_kind', 'missing_kind.yaml', 1),
  one('missing_name', 'missing_name.yaml', 1),
  { name: 'missing_path', fixtures: ['valid_deployment.yaml', 'not-here.yaml'], exitCode: 1 },
  one('missing_required', 'missing_required.yaml', 1),
  one('multi_invalid', 'multi_invalid.yaml', 1),
  one('not_an_object', 'not_an_object.yaml', 1),
  one('not_yet_served_flowcontrol_v1_on_1.27', 'not_yet_served_flowcontrol_v1.yaml', 1, ['-kubernetes-version', '1.27']),
  one('not_yet_served_flowcontrol_v1', 'not_yet_served_flowcontrol_v1.yaml', 0),
  one('port_out_of_range', 'port_out_of_range.yaml', 1),
  one('prometheusrule', 'prometheusrule.yaml', 0),
  one('reject_kind', 'valid_deployment.yaml', 1, ['-reject', 'Deployment']),
  one('removed_api_extensions_v1beta1', 'removed_api_extensions_v1beta1.yaml', 1),
  one('removed_api_flowcontrol_v1beta2', 'deprecated_api_flowcontrol_v1beta2.yaml', 1),
  one('removed_api_policy_v1beta1_pdb', 'removed_api_policy_v1beta1_pdb.yaml', 1),
  one('rollout_invalid', 'rollout_invalid.yaml', 1, ['-strict']),
  one('schema_location_template', 'schema_location_resources.yaml', 1, ['-schema-location', `${FIXTURES}/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json`, '-schema-location', 'default']),
  one('service_json', 'service.json', 1, ['-strict']),
  one('servicemonitor', 'servicemonitor.yaml', 0),
  one('scheduling_group_on_1.35', 'scheduling_group.yaml', 1, ['-strict', '-kubernetes-version', '1.35']),
  one('scheduling_group_on_master', 'scheduling_group.yaml', 0, ['-strict', '-kubernetes-version', 'master']),
  one('sidecar_container_on_1.27', 'sidecar_container.yaml', 1, ['-strict', '-kubernetes-version', '1.27']),
  one('sidecar_container', 'sidecar_container.yaml', 0, ['-strict']),
  one('skip_kind', 'unknown_kind.yaml', 0, ['-skip', 'example.com/v1/Widget']),
  { name: 'stdin_dash', fixtures: ['-'], stdin: 'list_invalid.yaml', flags: ['-ignore-missing-schemas'], exitCode: 1 },
  { name: 'stdin_piped', fixtures: [], stdin: 'valid_deployment.yaml', exitCode: 0 },
  one('syntax_error', 'syntax_error.yaml', 1),
  one('typed_list', 'typed_list.yaml', 1),
  one('unknown_field_not_strict', 'unknown_field.yaml', 0),
  one('unknown_field', 'unknown_field.yaml', 1, ['-strict']),
  one('unknown_kind_ignored', 'unknown_kind.yaml', 0, ['-ignore-missing-schemas']),
  one('unknown_kind', 'unknown_kind.yaml', 1),
  one('valid_deployment', 'valid_deployment.yaml', 0),
  one('valid_deployment_verbose', 'valid_deployment.yaml', 0, ['-verbose']),
  one('wrong_type', 'wrong_type.yaml', 1),
  one('yaml11_env_value_no', 'yaml11_env_value_no.yaml', 1),
  one('yaml11_octal_mode', 'yaml11_octal_mode.yaml', 0),
];

const FORMATS = [
  { output: 'text', extension: 'txt', flags: ['-summary'] },
  { output: 'json', extension: 'kubeconform.json', flags: ['-summary'] },
  { output: 'json-detailed', extension: 'json', flags: ['-verbose'] },
] as const;

describe('validate acceptance (exact output per scenario)', () => {
  it('has a scenario for every fixture', () => {
    // crds/ and schemas/ hold what scenarios point to through flags, expected/ their output.
    const fixtures = fs.readdirSync(FIXTURES).filter((name) => !['crds', 'expected', 'schemas'].includes(name));
    const used = new Set(SCENARIOS.flatMap((scenario) => [...scenario.fixtures, scenario.stdin]));
    expect(fixtures.filter((name) => !used.has(name))).toEqual([]);
  });

  it('has a scenario for every expected output', () => {
    const names = new Set(SCENARIOS.flatMap((scenario) => FORMATS.map((format) => `${scenario.name}.${format.extension}`)));
    expect(fs.readdirSync(EXPECTED).filter((name) => !names.has(name))).toEqual([]);
  });

  describe.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario) => {
    it.each(FORMATS.map((format) => [format.output, format.extension, format.flags] as const))('prints the expected %s output', async (output, extension, flags) => {
      const paths = scenario.fixtures.map((fixture) => (fixture === '-' ? '-' : path.join(FIXTURES, fixture)));
      const stdin = scenario.stdin === undefined ? undefined : fs.readFileSync(path.join(FIXTURES, scenario.stdin), 'utf8');
      const outcome = await runCli([...flags, ...(scenario.flags ?? []), '-output', output, ...paths], { stdin });
      const expectedFile = path.join(EXPECTED, `${scenario.name}.${extension}`);
      if (process.env.UPDATE_EXPECTED === '1') fs.writeFileSync(expectedFile, outcome.stdout);
      expect(outcome.stderr).toBe('');
      expect(outcome.stdout).toBe(fs.readFileSync(expectedFile, 'utf8'));
      expect(outcome.code).toBe(scenario.exitCode);
    });
  });
});
