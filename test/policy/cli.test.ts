/** `npm run policy`: conftest's exit codes and located user errors, end to end. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCommand } from '../run-command';

const run = (...args: string[]) => runCommand('lib/cli/policy.ts', args);

describe('npm run policy', () => {
  it('exits 1 and prints the failure and the summary for a broken manifest', () => {
    const result = run('test/fixtures/policy/broken/privileged.yaml', '--env', 'staging');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAIL - test/fixtures/policy/broken/privileged.yaml - main - K8S-SEC-006: Deployment/video-app/legacy:');
    expect(result.stdout).toMatch(/\n\d+ tests, \d+ passed, 0 warnings, \d+ failures, 0 exceptions\n$/);
  });

  it('exits 0 for the clean fixture, and with --no-fail', () => {
    expect(run('test/fixtures/policy/clean', '--env', 'staging', '-o', 'json').status).toBe(0);
    expect(run('test/fixtures/policy/broken/privileged.yaml', '--env', 'staging', '--no-fail').status).toBe(0);
  });

  it('names a wrong flag value without a stack trace', () => {
    const result = run('dist', '-o', 'yaml');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('policy: unknown output format "yaml"; use one of stdout, json, tap, table, junit, github, sarif\n');
  });

  it('reports a policy that fails to evaluate at its source line, without a stack trace', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'policy-cli-'));
    try {
      const policy = path.join(dir, 'conflict.rego');
      writeFileSync(policy, 'package main\n\nkind_name := input.kind\n\nkind_name := "other"\n\ndeny contains "never" if kind_name == "x"\n');
      const result = run('test/fixtures/policy/clean', '--env', 'staging', '-p', dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `policy: ${policy}:5:1: eval_conflict_error: complete rules must not produce multiple outputs\n  kind_name := "other"\n  ^\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
