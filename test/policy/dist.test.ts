/**
 * The manifests the project synthesizes pass every policy in every environment: the committed
 * dist/, and a fresh synthesis of environments/ (so that a construct change that breaks a policy
 * fails here even before dist/ is regenerated).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ruleId, runPolicies, type CheckResult } from '../../lib/policy';
import { synthesize } from '../../lib/synth';

function failures(results: readonly CheckResult[]): string[] {
  return results.flatMap((result) => [...result.failures, ...result.warnings].map((f) => `${result.filename} ${ruleId(f) ?? ''}: ${f.msg}`));
}

describe('the synthesized manifests', () => {
  let fresh: string;
  beforeAll(() => {
    fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-dist-'));
    synthesize('environments', path.join(fresh, 'dist'));
  });
  afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

  it('pass every policy when freshly synthesized', () => {
    const results = runPolicies({ distDir: path.join(fresh, 'dist') });
    const environments = new Set(results.filter((r) => r.namespace === 'combined').map((r) => path.basename(r.filename)));
    expect([...environments].sort()).toEqual(['argocd', 'development', 'production', 'staging']);
    expect(failures(results)).toEqual([]);
  });

  it('pass every policy as committed in dist/', () => {
    const results = runPolicies({ distDir: 'dist' });
    expect(results.length).toBeGreaterThan(0);
    expect(failures(results)).toEqual([]);
  });
});
