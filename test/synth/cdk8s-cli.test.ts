import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readTree } from '../../lib/synth/atomic-directory';

/**
 * `cdk8s synth` deletes its output folder before it runs the app. These tests run the real CLI in a
 * scratch copy of the project to show that dist/ survives a failing app all the same.
 */
const root = resolve(__dirname, '../..');
jest.setTimeout(60_000);

function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-cli-'));
  for (const entry of ['cdk8s.yaml', 'main.ts', 'tsconfig.json', 'package.json', 'lib', 'environments', 'policies', 'dist']) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const cdk8s = (cwd: string) =>
  spawnSync(join(root, 'node_modules/.bin/cdk8s'), ['synth', '--no-validate'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('npx cdk8s synth', () => {
  it('writes dist/ through main.ts, identical to npm run synth', () => {
    const project = scratchProject();
    const before = readTree(join(project, 'dist'));
    execFileSync('rm', ['-rf', join(project, 'dist')]);
    const result = cdk8s(project);
    expect(result.status).toBe(0);
    expect(readTree(join(project, 'dist'))).toEqual(before);
  });

  it('leaves dist/ byte-identical when the configuration is invalid', () => {
    const project = scratchProject();
    const before = readTree(join(project, 'dist'));
    const file = join(project, 'environments/production.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: { min: 3, max: 10 }', 'replicas: { min: 12, max: 10 }'));
    const result = cdk8s(project);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('environments/production.yaml:');
    expect(result.stderr).toContain('services.api.replicas.min: 12 min must not exceed max');
    expect(readTree(join(project, 'dist'))).toEqual(before);
  });
});
