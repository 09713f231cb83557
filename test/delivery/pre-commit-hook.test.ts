import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOOK = join(__dirname, '../../lib/hooks/pre-commit.js');
const INSTALL = join(__dirname, '../../lib/hooks/install.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { touchesGatedPaths } = require(HOOK) as { touchesGatedPaths: (paths: string[]) => boolean };
const packageJson = require('../../package.json') as { scripts: Record<string, string>; 'simple-git-hooks': Record<string, string> };

describe('pre-commit hook', () => {
  it.each([['environments/production.yaml'], ['lib/constructs/workload.ts'], ['policies/images.rego'], ['main.ts'], ['dist/production/service_api.yaml']])(
    'runs the gate when %s is staged',
    (path) => expect(touchesGatedPaths(['README.md', path])).toBe(true),
  );

  it.each([['README.md'], ['test/synth/synth.test.ts'], ['bench/RESULTS.md'], ['.github/workflows/pull-request.yml'], ['distribution.md'], ['old-main.ts']])(
    'does not run the gate for %s alone',
    (path) => expect(touchesGatedPaths([path])).toBe(false),
  );

  it('is what simple-git-hooks installs, from the install step', () => {
    expect(packageJson['simple-git-hooks']['pre-commit']).toBe('node lib/hooks/pre-commit.js');
    expect(packageJson.scripts.prepare).toBe('node lib/hooks/install.js');
  });

  describe('in a repository', () => {
    let repo: string;
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    const runHook = (env: Record<string, string | undefined>) =>
      spawnSync(process.execPath, [HOOK], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });

    beforeEach(() => {
      repo = mkdtempSync(join(tmpdir(), 'hook-'));
      git('init', '-q');
      // A package.json whose `check` fails loudly proves whether the hook ran it.
      writeFileSync(join(repo, 'package.json'), JSON.stringify({ scripts: { check: 'echo GATE-RAN >&2 && exit 3' } }));
    });
    afterEach(() => rmSync(repo, { recursive: true, force: true }));

    it('passes without running the gate when only other files are staged', () => {
      writeFileSync(join(repo, 'README.md'), 'x');
      git('add', 'README.md');
      const run = runHook({ CI: '' });
      expect(run.status).toBe(0);
      expect(run.stderr).not.toContain('GATE-RAN');
    });

    it("blocks the commit with the gate's exit code and says how to skip deliberately", () => {
      writeFileSync(join(repo, 'main.ts'), 'x');
      git('add', 'main.ts');
      const run = runHook({ CI: '' });
      expect(run.stderr).toContain('GATE-RAN');
      expect(run.status).toBe(3);
      expect(run.stderr).toContain('git commit --no-verify');
    });

    it('does nothing in CI', () => {
      writeFileSync(join(repo, 'main.ts'), 'x');
      git('add', 'main.ts');
      const run = runHook({ CI: 'true' });
      expect(run.status).toBe(0);
      expect(run.stderr).not.toContain('GATE-RAN');
    });
  });

  describe('installation (npm prepare)', () => {
    let folder: string;
    beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'no-git-'))));
    afterEach(() => rmSync(folder, { recursive: true, force: true }));
    const install = (env: Record<string, string | undefined>) =>
      spawnSync(process.execPath, [INSTALL], { cwd: folder, encoding: 'utf8', env: { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir(), ...env } });

    it('installs nothing and succeeds where there is no .git', () => {
      const run = install({ CI: '' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('not a git checkout');
    });

    it('installs nothing in CI', () => {
      const run = install({ CI: 'true' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('CI is set');
    });
  });
});
