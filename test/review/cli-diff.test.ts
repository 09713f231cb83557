import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDiff, type DiffIo } from '../../lib/cli/diff';
import { edited, fixtureFiles, TempRepo } from './support';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { isTty?: boolean; env?: Record<string, string> } = {}): Run {
  let stdout = '';
  let stderr = '';
  const io: DiffIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTty: options.isTty ?? false,
    env: options.env ?? {},
  };
  const code = runDiff(args, io);
  return { code, stdout, stderr };
}

describe('npm run diff', () => {
  let repo: TempRepo;
  let dist: string;
  const base = fixtureFiles();

  beforeEach(() => {
    repo = new TempRepo();
    dist = join(repo.root, 'dist');
    writeFileSync(join(repo.root, 'README.md'), 'no dist yet\n');
    repo.commitAll('start without dist');
    repo.writeDist(base);
    repo.commitAll('synthesize');
  });

  afterEach(() => repo.remove());

  it('compares the working tree with HEAD and prints each changed field', () => {
    repo.writeDist(edited(base, 'production/deployment.apps_api.yaml', (d) => (d.spec.replicas = 5)));
    const result = run(['--dist', dist]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`review of dist/: HEAD (${repo.git('rev-parse', '--short=7', 'HEAD').trim()}) → working tree`);
    expect(result.stdout).toContain('  ~ Deployment.apps video-app/api  production/deployment.apps_api.yaml\n      spec.replicas\n        - 3\n        + 5\n');
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('1 of 2 environments differs: 1 changed');
  });

  it('exits 1 with --exit-code when something differs, 0 when nothing does', () => {
    expect(run(['--dist', dist, '--exit-code']).code).toBe(0);
    repo.writeDist(edited(base, 'production/service_api.yaml', (s) => (s.spec.selector.color = 'green')));
    const result = run(['--dist', dist, '--exit-code']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('spec.selector.color\n        - blue\n        + green');
  });

  it('does not report a file that was only renamed on disk', () => {
    renameSync(join(dist, 'production/service_api.yaml'), join(dist, 'production/api-service.yaml'));
    const result = run(['--dist', dist, '--exit-code']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('= Service video-app/api  moved production/service_api.yaml → production/api-service.yaml, unchanged');
  });

  it('reports everything as added against a base without dist/', () => {
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
    const result = run(['--dist', dist, '--base', first, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.totals).toEqual({ added: 4, removed: 0, changed: 0, renamed: 0 });
    expect(report.environments.map((e: { environment: string; status: string }) => `${e.environment}:${e.status}`)).toEqual(['production:added', 'staging:added']);
  });

  it('defaults to the merge-base with origin/main when that ref exists', () => {
    const forkPoint = repo.git('rev-parse', 'HEAD').trim();
    repo.git('update-ref', 'refs/remotes/origin/main', forkPoint);
    repo.writeDist(edited(base, 'production/deployment.apps_api.yaml', (d) => (d.spec.replicas = 4)));
    repo.commitAll('scale up on a branch');
    const result = run(['--dist', dist, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.base).toBe(`merge-base with origin/main (${forkPoint.slice(0, 7)})`);
    expect(report.environments[0].changed[0].changes).toEqual([
      { path: 'spec.replicas', segments: [{ key: 'spec' }, { key: 'replicas' }], kind: 'changed', before: 3, after: 4 },
    ]);
  });

  it('limits the report to --env', () => {
    let head = edited(base, 'production/deployment.apps_api.yaml', (d) => (d.spec.replicas = 4));
    head = edited(head, 'staging/service_api.yaml', (s) => (s.spec.selector.tier = 'web'));
    repo.writeDist(head);
    const result = run(['--dist', dist, '--env', 'staging', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.environments.map((e: { environment: string }) => e.environment)).toEqual(['staging']);
    expect(report.totals.changed).toBe(1);
  });

  it('writes a Markdown comment with a summary table and a details block per changed resource', () => {
    repo.writeDist(edited(base, 'production/deployment.apps_api.yaml', (d) => (d.spec.template.spec.containers[0].image = 'registry.example.com/video-platform/api:1.5.0')));
    const { stdout, code } = run(['--dist', dist, '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toContain('| Environment | Added | Removed | Changed | Renamed |\n| --- | ---: | ---: | ---: | ---: |\n| `production` | 0 | 0 | 1 | 0 |\n| `staging` | 0 | 0 | 0 | 0 |\n');
    expect(stdout).toContain('<summary>Changed <code>Deployment.apps video-app/api</code>: 1 field</summary>');
    expect(stdout).toContain(
      '| <code>spec.template.spec.containers[name=api].image</code> | <code>registry.example.com/video-platform/api:1.4.2</code> | <code>registry.example.com/video-platform/api:1.5.0</code> |',
    );
    expect(stdout).not.toContain('#### `staging`');
  });

  it('colors text only on a terminal and never with NO_COLOR', () => {
    repo.writeDist(edited(base, 'production/deployment.apps_api.yaml', (d) => (d.spec.replicas = 4)));
    const escape = '\u001b[';
    expect(run(['--dist', dist]).stdout).not.toContain(escape);
    expect(run(['--dist', dist], { isTty: true }).stdout).toContain(escape);
    expect(run(['--dist', dist], { isTty: true, env: { NO_COLOR: '1' } }).stdout).not.toContain(escape);
    expect(run(['--dist', dist, '--color', 'always']).stdout).toContain(escape);
  });

  it('exits 2 with a clear message for an unknown revision', () => {
    const result = run(['--dist', dist, '--base', 'no-such-branch']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('diff: unknown revision "no-such-branch": pass a branch, tag or commit that exists in this repository to --base\n');
  });

  it('exits 2 for an environment that exists on neither side', () => {
    const result = run(['--dist', dist, '--env', 'qa']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown environment "qa":');
    expect(result.stderr).toContain('has production, staging');
  });

  it('exits 2 for an unknown format', () => {
    const result = run(['--dist', dist, '--format', 'yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'yaml' is invalid. Allowed choices are text, markdown, json.");
  });

  it('exits 2 outside a git repository', () => {
    const outside = mkdtempSync(join(tmpdir(), 'review-no-git-'));
    try {
      const result = run(['--dist', join(outside, 'dist')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^diff: git rev-parse failed in .*: fatal: not a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
