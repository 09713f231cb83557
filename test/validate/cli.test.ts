import * as path from 'path';
import { runCommand } from '../run-command';
import { runCli } from './support/cli';

const FIXTURES = path.join('test', 'fixtures', 'validate');
const fixture = (name: string): string => path.join(FIXTURES, name);

describe('validate command', () => {
  it('rejects an unknown output format with exit 2, naming the known ones', async () => {
    expect(await runCli([fixture('valid_deployment.yaml'), '--output', 'xml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'validate: unknown output format "xml": use one of json, junit, sarif, tap, text\n',
    });
  });

  it('rejects a malformed Kubernetes version and a non-boolean --strict with exit 2', async () => {
    const version = await runCli([fixture('valid_deployment.yaml'), '--kubernetes-version', 'newest']);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain('invalid Kubernetes version "newest"');
    expect(await runCli([fixture('valid_deployment.yaml'), '--strict=maybe'])).toEqual({ code: 2, stdout: '', stderr: 'validate: --strict takes true or false, not "maybe"\n' });
  });

  it('rejects a Kubernetes version without schemas with exit 2, listing the supported ones', async () => {
    expect(await runCli([fixture('valid_deployment.yaml'), '--kubernetes-version', '1.20'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'validate: no schemas for Kubernetes 1.20: supported versions are 1.27, 1.28, 1.29, 1.30, 1.32, 1.33 (master and latest mean 1.33)\n',
    });
    expect((await runCli([fixture('sidecar_container.yaml'), '--kubernetes-version', 'latest'])).code).toBe(0);
  });

  it('rejects an http(s) schema location with exit 2: nothing is downloaded', async () => {
    const outcome = await runCli([fixture('valid_deployment.yaml'), '--schema-location', 'https://raw.example.com/schemas/']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('validate: --schema-location https://raw.example.com/schemas/: this validator works offline and never downloads schemas');
  });

  it('fails with exit 1 naming a --crd path that holds no CRD', async () => {
    expect(await runCli([fixture('valid_deployment.yaml'), '--crd', fixture('valid_deployment.yaml')])).toEqual({
      code: 1,
      stdout: '',
      stderr: `validate: reading schemas: --crd ${fixture('valid_deployment.yaml')}: no CustomResourceDefinition found; give CRD manifests (kind: CustomResourceDefinition)\n`,
    });
  });

  it('fails with exit 1 and the path when a path does not exist', async () => {
    expect(await runCli(['no/such/folder'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'validate: reading manifests: no/such/folder: no such file or folder; pass existing files or folders of manifests\n',
    });
  });

  it('walks folders recursively and counts files and resources in the summary', async () => {
    expect(await runCli([path.join('test', 'fixtures', 'manifest', 'tree')])).toEqual({
      code: 0,
      stderr: '',
      stdout: 'Summary: 3 resources found in 3 files - Valid: 3, Invalid: 0, Errors: 0, Skipped: 0\n',
    });
  });

  it('accepts unknown fields with --no-strict and drops the summary with --no-summary', async () => {
    expect((await runCli([fixture('unknown_field.yaml'), '--no-strict'])).code).toBe(0);
    const noSummary = await runCli([fixture('unknown_field.yaml'), '--no-summary']);
    expect(noSummary.code).toBe(1);
    expect(noSummary.stdout).not.toContain('Summary:');
    expect(noSummary.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('writes SARIF 2.1.0 with a rule id and a line for each finding', async () => {
    const outcome = await runCli([fixture('unknown_field.yaml'), '--output', 'sarif']);
    const results = JSON.parse(outcome.stdout).runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    expect(results.map((r) => [r.ruleId, r.locations[0].physicalLocation.region.startLine])).toEqual([
      ['unknown-field', 6],
      ['unknown-field', 21],
      ['unknown-field', 22],
    ]);
    expect(outcome.code).toBe(1);
  });

  it('writes JUnit with a suite per file and an error for a missing schema', async () => {
    const junit = (await runCli([fixture('prometheusrule.yaml'), fixture('unknown_kind.yaml'), '--output', 'junit'])).stdout;
    expect(junit).toContain('<testsuites name="validate" tests="2" failures="0" errors="1" skipped="0">');
    expect(junit).toContain(`<testsuite name="${fixture('unknown_kind.yaml')}" tests="1" failures="0" errors="1" skipped="0">`);
    expect(junit).toContain('<testcase name="PrometheusRule/video/web-slo"');
  });

  it('writes TAP with a failing test point per invalid resource', async () => {
    const tap = (await runCli([fixture('port_out_of_range.yaml'), fixture('valid_deployment.yaml'), '--output', 'tap'])).stdout.split('\n');
    expect(tap.slice(0, 3)).toEqual(['TAP version 13', '1..2', `not ok 1 - ${fixture('port_out_of_range.yaml')}:1 Service/web`]);
    expect(tap).toContain(`ok 2 - ${fixture('valid_deployment.yaml')}:1 Deployment/video/web`);
  });

  it('draws progress on stderr only when asked to (on a terminal), and clears it', async () => {
    const quiet = await runCli([fixture('valid_deployment.yaml')]);
    const drawn = await runCli([fixture('valid_deployment.yaml')], true);
    expect(quiet.stderr).toBe('');
    expect(drawn.stderr).toBe('\rvalidating 1/1 resources\r\x1b[K');
    expect(drawn.stdout).toBe(quiet.stdout);
  });

  it('documents the flags, formats and exit codes in --help', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--output', '--kubernetes-version', '--schema-location', '--crd', '--strict', '--no-strict', '--ignore-missing-schemas', '--skip', '--reject', '--summary', '--verbose']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('Exit status: 0 when every resource is valid, 1 when any is invalid or in error, 2 on bad usage.');
  });

  it('sets the exit status when run as a program (npm run validate)', () => {
    const run = (file: string) => runCommand('lib/cli/validate.ts', [fixture(file)]);
    const valid = run('valid_deployment.yaml');
    const invalid = run('unknown_field.yaml');
    expect([valid.status, valid.stdout]).toEqual([0, 'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n']);
    expect(invalid.status).toBe(1);
  }, 30_000);
});
