import * as fs from 'fs';
import * as path from 'path';
import { projectRoot, runCommand } from '../run-command';
import { runCli } from './support/cli';
import { jenkinsJunitViolations } from './support/jenkins-junit-xsd';

const FIXTURES = path.join('test', 'fixtures', 'validate');
const fixture = (name: string): string => path.join(FIXTURES, name);
const SUMMARY_ONE_VALID = 'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n';

describe('validate command line (kubeconform\'s)', () => {
  it('takes kubeconform\'s single-dash long flags and their double-dash spelling alike', async () => {
    const single = await runCli(['-summary', '-strict', '-output', 'json', fixture('unknown_field.yaml')]);
    const double = await runCli(['--summary', '--strict', '--output=json', fixture('unknown_field.yaml')]);
    expect(single).toEqual(double);
    expect(single.code).toBe(1);
    expect(JSON.parse(single.stdout).resources[0].status).toBe('statusInvalid');
  });

  it('never lets a boolean flag take the next argument as its value', async () => {
    const outcome = await runCli(['-strict', fixture('unknown_field.yaml'), '-summary']);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout.trim().split('\n').at(-1)).toBe('Summary: 1 resource found in 1 file - Valid: 0, Invalid: 1, Errors: 0, Skipped: 0');
  });

  it('reads -flag=false as Go does, and rejects a non-boolean value', async () => {
    expect((await runCli(['-strict=false', '-summary', fixture('unknown_field.yaml')])).stdout).toBe(SUMMARY_ONE_VALID);
    expect((await runCli(['-strict=true', fixture('unknown_field.yaml')])).code).toBe(1);
    const wrong = await runCli(['-strict=maybe', fixture('unknown_field.yaml')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.split('\n')[0]).toBe('invalid boolean value "maybe" for -strict: parse error');
  });

  it('rejects a Kubernetes version without schemas, listing the supported ones', async () => {
    const outcome = await runCli(['-kubernetes-version', '1.20', fixture('valid_deployment.yaml')]);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain('validate: no schemas for Kubernetes 1.20: supported versions are 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36 (master and latest mean 1.36)');
    expect((await runCli(['-strict', '-kubernetes-version', 'latest', fixture('sidecar_container.yaml')])).code).toBe(0);
    expect((await runCli(['-strict', '-kubernetes-version', 'master', fixture('sidecar_container.yaml')])).code).toBe(0);
  });

  it('rejects an http(s) schema location: nothing is downloaded', async () => {
    const outcome = await runCli(['-schema-location', 'https://raw.example.com/schemas/', fixture('valid_deployment.yaml')]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('--schema-location https://raw.example.com/schemas/: this validator works offline and never downloads schemas');
  });

  it('fails naming a --crd path that holds no CRD', async () => {
    const outcome = await runCli(['-crd', fixture('valid_deployment.yaml'), fixture('valid_deployment.yaml')]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(`validate: reading schemas: --crd ${fixture('valid_deployment.yaml')}: no CustomResourceDefinition found; give CRD manifests (kind: CustomResourceDefinition)\n`);
  });

  it('has kubeconform\'s defaults: not strict, no summary, so a valid run prints nothing', async () => {
    expect(await runCli([fixture('valid_deployment.yaml')])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await runCli([fixture('unknown_field.yaml')])).code).toBe(0);
  });

  it('fails an unknown flag with exit 1 and Go\'s message first, as kubeconform does', async () => {
    const outcome = await runCli(['-xyz', fixture('valid_deployment.yaml')]);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.split('\n').slice(0, 2)).toEqual(['flag provided but not defined: -xyz', 'Usage: validate [OPTION]... [FILE OR FOLDER]...']);
  });

  it('fails a value flag without its value, an unknown format, a bad version, pattern or worker count with exit 1', async () => {
    expect((await runCli(['-output'])).stderr.split('\n')[0]).toBe('flag needs an argument: -output');
    const format = await runCli(['-output', 'xml', fixture('valid_deployment.yaml')]);
    expect([format.code, format.stderr.split('\n')[0]]).toEqual([1, 'validate: unknown output format "xml": use one of json, json-detailed, junit, pretty, sarif, tap, text']);
    expect((await runCli(['-kubernetes-version', 'newest', fixture('valid_deployment.yaml')])).stderr).toContain('invalid Kubernetes version "newest"');
    expect((await runCli(['-ignore-filename-pattern', '(', fixture('valid_deployment.yaml')])).stderr).toContain('invalid -ignore-filename-pattern "("');
    expect((await runCli(['-n', '0', fixture('valid_deployment.yaml')])).code).toBe(1);
  });

  it('prints help on stdout with exit 0 for -h, naming every kubeconform flag', async () => {
    const help = await runCli(['-h']);
    expect(help.code).toBe(0);
    for (const flag of ['--output', '--kubernetes-version', '--schema-location', '--crd', '--strict', '--ignore-missing-schemas', '--ignore-filename-pattern', '--skip', '--reject', '--summary', '--verbose', '--exit-on-error', '--debug', '-n <workers>', '-v']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('Exit status: 0 when every resource is valid');
  });

  it('prints the version with -v', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await runCli(['-v'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('takes -schema-location and -crd repeatable, in either dash form', async () => {
    const crds = fixture('crds');
    const outcome = await runCli(['-schema-location', 'default', '--schema-location', 'schemas/{{ .ResourceKind }}.json', '-crd', crds, '--crd', crds, '-summary', fixture('valid_deployment.yaml')]);
    expect(outcome).toEqual({ code: 0, stdout: SUMMARY_ONE_VALID, stderr: '' });
  });

  it('splits comma-separated paths, as kubeconform does', async () => {
    const outcome = await runCli(['-summary', `${fixture('valid_deployment.yaml')},${fixture('list_valid.yaml')}`]);
    expect(outcome.stdout).toBe('Summary: 3 resources found in 2 files - Valid: 3, Invalid: 0, Errors: 0, Skipped: 0\n');
  });
});

describe('validate inputs', () => {
  it('reads standard input for "-" and fails with exit 1 when nothing is piped in', async () => {
    const text = fs.readFileSync(fixture('valid_deployment.yaml'), 'utf8');
    expect(await runCli(['-summary', '-'], { stdin: text })).toEqual({ code: 0, stdout: 'Summary: 1 resource found parsing stdin - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n', stderr: '' });
    const nothing = await runCli(['-summary', '-']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toBe('validate: failing to read data from stdin: pipe manifests into it, or pass files or folders\n');
  });

  it('validates dist/ when given no path and nothing is piped in', async () => {
    const outcome = await runCli(['-summary']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^Summary: \d+ resources found in \d+ files - Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0\n$/);
  }, 30_000);

  it('says what each path gave on stderr with -debug', async () => {
    const outcome = await runCli(['-debug', fixture('list_valid.yaml'), fixture('not-here.yaml')]);
    expect(outcome.stderr).toBe(`validate: debug: ${fixture('list_valid.yaml')}: 1 document(s)\nvalidate: debug: ${fixture('not-here.yaml')}: no such file or folder; pass existing files or folders of manifests\n`);
  });
});

describe('validate outputs', () => {
  it('writes JUnit that conforms to the Jenkins JUnit XSD, with an error for a missing schema', async () => {
    const junit = (await runCli(['-output', 'junit', fixture('prometheusrule.yaml'), fixture('unknown_kind.yaml'), fixture('list_invalid.yaml')])).stdout;
    expect(jenkinsJunitViolations(junit)).toEqual([]);
    expect(junit).toContain(`<testsuite name="${fixture('unknown_kind.yaml')}" id="3" tests="1" failures="0" errors="1" disabled="0" skipped="0">`);
    expect(junit).toContain('<testcase name="video/web-slo" classname="PrometheusRule@monitoring.coreos.com/v1"/>');
  });

  it('writes SARIF 2.1.0 with a rule id, a line, the tool version and a repository-relative URI for each finding', async () => {
    const outcome = await runCli(['-strict', '-output', 'sarif', fixture('unknown_field.yaml')]);
    const run = JSON.parse(outcome.stdout).runs[0];
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${projectRoot}/`);
    const results = run.results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    expect(results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine])).toEqual([
      ['unknown-field', 'test/fixtures/validate/unknown_field.yaml', 6],
      ['unknown-field', 'test/fixtures/validate/unknown_field.yaml', 21],
      ['unknown-field', 'test/fixtures/validate/unknown_field.yaml', 22],
    ]);
    expect(outcome.code).toBe(1);
  });

  it('writes TAP with a failing test point per invalid resource and the plan last', async () => {
    const tap = (await runCli(['-output', 'tap', fixture('port_out_of_range.yaml'), fixture('valid_deployment.yaml')])).stdout.split('\n');
    expect(tap.slice(0, 2)).toEqual(['TAP version 13', `not ok 1 - ${fixture('port_out_of_range.yaml')} (v1/Service//web): /spec/ports/0/targetPort: port 70000 is out of range: use a number from 1 to 65535 - /spec/ports/1/port: port 0 is out of range: use a number from 1 to 65535 - /spec/ports/1/targetPort: port name "metrics_port_name" is not a valid IANA service name: use at most 15 lower-case letters, digits and single '-', with at least one letter`]);
    expect(tap).toContain(`ok 2 - ${fixture('valid_deployment.yaml')} (apps/v1/Deployment/video/web)`);
    expect(tap.at(-2)).toBe('1..2');
  });

  it('draws progress on stderr only when asked to (on a terminal), and clears it', async () => {
    const quiet = await runCli([fixture('valid_deployment.yaml')]);
    const drawn = await runCli([fixture('valid_deployment.yaml')], { progress: true });
    expect(quiet.stderr).toBe('');
    expect(drawn.stderr).toBe('\rvalidating: 1 resources\r\x1b[K');
    expect(drawn.stdout).toBe(quiet.stdout);
  });
});

describe('validate as a program (npm run validate)', () => {
  it('reads piped standard input when given no path, and sets the exit status', () => {
    const run = (args: string[], input?: string) => runCommand('lib/cli/validate.ts', args, { input });
    const piped = run(['-summary', '-ignore-missing-schemas'], fs.readFileSync(fixture('list_invalid.yaml'), 'utf8'));
    expect([piped.status, piped.stdout]).toEqual([1, 'stdin:20 - Service/web is invalid: /spec/ports/0/port: expected integer, got string "eighty"\nSummary: 3 resources found parsing stdin - Valid: 1, Invalid: 1, Errors: 0, Skipped: 1\n']);
    const valid = run(['-summary', fixture('valid_deployment.yaml')], '');
    expect([valid.status, valid.stdout]).toEqual([0, SUMMARY_ONE_VALID]);
  }, 30_000);
});
