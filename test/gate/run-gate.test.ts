import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGate } from '../../lib/gate';

jest.setTimeout(120_000);

/** A scratch copy of environments/ and dist/, so that tests can break them. */
function scratchCopy(): { environments: string; dist: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gate-'));
  cpSync('environments', join(dir, 'environments'), { recursive: true });
  cpSync('dist', join(dir, 'dist'), { recursive: true });
  return { environments: join(dir, 'environments'), dist: join(dir, 'dist') };
}

describe('the gate', () => {
  it('passes on the committed tree: schemas valid, policies clean, dist/ up to date', async () => {
    const result = await runGate();
    expect(result.schemas.summary).toMatchObject({ invalid: 0, errors: 0 });
    expect(result.schemas.summary.valid).toBe(result.files);
    expect(result.policies.flatMap((check) => check.failures.map((f) => `${check.filename}: ${f.msg}`))).toEqual([]);
    expect(result.stale).toEqual({ missing: [], extra: [], changed: [] });
    expect(result.passed).toBe(true);
  });

  it('fails on a hand-edited dist/ and names the file', async () => {
    const { environments, dist } = scratchCopy();
    const edited = join(dist, 'production/deployment.apps_web.yaml');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('revisionHistoryLimit: 5', 'revisionHistoryLimit: 6'));
    const result = await runGate({ environmentsDir: environments, distDir: dist });
    expect(result.stale.changed).toEqual(['production/deployment.apps_web.yaml']);
    expect(result.passed).toBe(false);
  });

  it('fails when a configuration change was not synthesized into dist/', async () => {
    const { environments, dist } = scratchCopy();
    const file = join(environments, 'staging.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: { min: 2, max: 5 }', 'replicas: { min: 2, max: 6 }'));
    const result = await runGate({ environmentsDir: environments, distDir: dist });
    expect(result.stale.changed).toContain('staging/horizontalpodautoscaler.autoscaling_api.yaml');
    expect(result.passed).toBe(false);
  });

  it('fails on a policy violation introduced through configuration', async () => {
    const { environments, dist } = scratchCopy();
    const file = join(environments, 'production.yaml');
    // Two replicas in production breaks the availability rule (at least three).
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: { min: 3, max: 6 }', 'replicas: { min: 2, max: 6 }'));
    const result = await runGate({ environmentsDir: environments, distDir: dist });
    expect(result.policyTotals.failures).toBeGreaterThan(0);
    expect(result.policies.flatMap((check) => check.failures.map((f) => f.msg)).join('\n')).toContain('web');
    // Findings name the files as they will be committed, down to the combined rules' locations.
    const located = result.policies.flatMap((check) => check.failures.map((f) => f.loc?.file ?? check.filename));
    expect(located.filter((file) => !file.startsWith(`${dist}/`))).toEqual([]);
    expect(result.passed).toBe(false);
  });
});
