import * as path from 'path';
import { runCli, type CliOutcome } from './support/cli';

const FIXTURES = path.join('test', 'fixtures', 'validate');
const fixture = (name: string): string => path.join(FIXTURES, name);

describe('validate command', () => {
  let outcomes: CliOutcome[];
  const cases: string[][] = [
    [fixture('valid_deployment.yaml'), '--output', 'xml'],
    [fixture('valid_deployment.yaml'), '--kubernetes-version', 'latest'],
    [fixture('valid_deployment.yaml'), '--strict=maybe'],
    ['no/such/folder'],
    [path.join('test', 'fixtures', 'manifest', 'tree')],
    [fixture('unknown_field.yaml'), '--no-strict'],
    [fixture('unknown_field.yaml'), '--no-summary'],
    [fixture('unknown_field.yaml'), '--output', 'sarif'],
    [fixture('prometheusrule.yaml'), fixture('unknown_kind.yaml'), '--output', 'junit'],
    [fixture('port_out_of_range.yaml'), fixture('valid_deployment.yaml'), '--output', 'tap'],
    ['--help'],
  ];

  beforeAll(() => {
    outcomes = runCli(cases);
  }, 60_000);

  it('rejects an unknown output format with exit 2, naming the known ones', () => {
    expect(outcomes[0]).toEqual({ code: 2, stdout: '', stderr: 'validate: unknown output format "xml": use one of json, junit, sarif, tap, text\n' });
  });

  it('rejects a malformed Kubernetes version and a non-boolean --strict with exit 2', () => {
    expect(outcomes[1].code).toBe(2);
    expect(outcomes[1].stderr).toContain('invalid Kubernetes version "latest"');
    expect(outcomes[2].code).toBe(2);
    expect(outcomes[2].stderr).toBe('validate: --strict takes true or false, not "maybe"\n');
  });

  it('fails with exit 1 and the path when a path does not exist', () => {
    expect(outcomes[3]).toEqual({
      code: 1,
      stdout: '',
      stderr: 'validate: reading manifests: no/such/folder: no such file or folder; pass existing files or folders of manifests\n',
    });
  });

  it('walks folders recursively and counts files and resources in the summary', () => {
    expect(outcomes[4]).toEqual({ code: 0, stderr: '', stdout: 'Summary: 3 resources found in 3 files - Valid: 3, Invalid: 0, Errors: 0, Skipped: 0\n' });
  });

  it('accepts unknown fields with --no-strict and drops the summary with --no-summary', () => {
    expect(outcomes[5].code).toBe(0);
    expect(outcomes[6].code).toBe(1);
    expect(outcomes[6].stdout).not.toContain('Summary:');
    expect(outcomes[6].stdout.trim().split('\n')).toHaveLength(3);
  });

  it('writes SARIF 2.1.0 with a rule id and a line for each finding', () => {
    const sarif = JSON.parse(outcomes[7].stdout);
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    expect(results.map((r) => [r.ruleId, r.locations[0].physicalLocation.region.startLine])).toEqual([
      ['unknown-field', 6],
      ['unknown-field', 21],
      ['unknown-field', 22],
    ]);
    expect(outcomes[7].code).toBe(1);
  });

  it('writes JUnit with a suite per file and an error for a missing schema', () => {
    const junit = outcomes[8].stdout;
    expect(junit).toContain('<testsuites name="validate" tests="2" failures="0" errors="1" skipped="0">');
    expect(junit).toContain(`<testsuite name="${fixture('unknown_kind.yaml')}" tests="1" failures="0" errors="1" skipped="0">`);
    expect(junit).toContain('<testcase name="PrometheusRule/video/web-slo"');
  });

  it('writes TAP with a failing test point per invalid resource', () => {
    const tap = outcomes[9].stdout.split('\n');
    expect(tap.slice(0, 3)).toEqual(['TAP version 13', '1..2', `not ok 1 - ${fixture('port_out_of_range.yaml')}:1 Service/web`]);
    expect(tap).toContain(`ok 2 - ${fixture('valid_deployment.yaml')}:1 Deployment/video/web`);
  });

  it('documents the flags, formats and exit codes in --help', () => {
    const help = outcomes[10].stdout;
    expect(outcomes[10].code).toBe(0);
    for (const flag of ['--output', '--kubernetes-version', '--strict', '--no-strict', '--ignore-missing-schemas', '--skip', '--reject', '--summary', '--verbose']) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('Exit status: 0 when every resource is valid, 1 when any is invalid or in error, 2 on bad usage.');
  });
});
