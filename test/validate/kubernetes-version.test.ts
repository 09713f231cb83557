import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KUBERNETES_VERSION, LATEST_KUBERNETES_VERSION, resolveKubernetesVersion, SCHEMA_SETS } from '../../lib/validate';
import { normalizedKubernetesVersion, schemaSetFor } from '../../lib/validate/kubernetes-version';
import { schemaDeltaFor } from '../../lib/validate/schema-deltas';

describe('resolveKubernetesVersion', () => {
  it.each(SCHEMA_SETS.map((set) => set.version))('accepts %s, the release of a schema set, with any patch level', (version) => {
    const [major, minor] = version.split('.').map(Number);
    expect(resolveKubernetesVersion(version)).toEqual({ major, minor });
    expect(resolveKubernetesVersion(`v${version}.4`)).toEqual({ major, minor, patch: 4 });
  });

  it.each(['master', 'latest'])('reads %s as the newest schema set', (alias) => {
    const [major, minor] = LATEST_KUBERNETES_VERSION.split('.').map(Number);
    expect(resolveKubernetesVersion(alias)).toEqual({ major, minor, alias });
  });

  it('rejects a release without schemas and lists the supported ones', () => {
    expect(() => resolveKubernetesVersion('1.37')).toThrow(
      'no schemas for Kubernetes 1.37: supported versions are 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36 (master and latest mean 1.36)',
    );
    expect(() => resolveKubernetesVersion('1.26')).toThrow('no schemas for Kubernetes 1.26');
    expect(() => resolveKubernetesVersion('1.x')).toThrow('invalid Kubernetes version "1.x"');
  });

  it('has every minor from 1.27 to 1.36; master and latest are 1.36, the default 1.35', () => {
    expect(SCHEMA_SETS.map((set) => set.version)).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
    expect(LATEST_KUBERNETES_VERSION).toBe('1.36');
    expect(resolveKubernetesVersion('master')).toEqual({ major: 1, minor: 36, alias: 'master' });
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.35');
  });

  it('maps each release to an installed package, and a borrowing release to one with a package of its own', () => {
    for (const set of SCHEMA_SETS) {
      expect(schemaSetFor(resolveKubernetesVersion(set.version))).toBe(set);
      expect(() => require.resolve(`${set.packageName}/package.json`)).not.toThrow();
      if (set.borrowsFrom === undefined) continue;
      const lender = SCHEMA_SETS.find((other) => other.version === set.borrowsFrom);
      expect(lender?.packageName).toBe(set.packageName);
      expect(lender?.borrowsFrom).toBeUndefined();
    }
  });
});

describe('normalizedKubernetesVersion', () => {
  it('writes versions as kubeconform does: v and three numbers, or master', () => {
    expect(normalizedKubernetesVersion(resolveKubernetesVersion('1.27'))).toBe('v1.27.0');
    expect(normalizedKubernetesVersion(resolveKubernetesVersion('1.33.2'))).toBe('v1.33.2');
    expect(normalizedKubernetesVersion(resolveKubernetesVersion('latest'))).toBe('master');
  });
});

describe('schema-deltas/', () => {
  it('has a delta for every borrowing release and none for another', () => {
    const files = readdirSync(join('lib', 'validate', 'schema-deltas')).sort();
    expect(files).toEqual(SCHEMA_SETS.filter((set) => set.borrowsFrom !== undefined).map((set) => `${set.version}.json`));
    for (const set of SCHEMA_SETS.filter((candidate) => candidate.borrowsFrom !== undefined)) {
      expect(Object.keys(schemaDeltaFor(set.version)).sort()).toEqual(['absentFields', 'absentKinds', 'addedKinds', 'changedFields', 'definitions', 'extraFields', 'source']);
    }
  });

  it('says which packages each release was compared from', () => {
    expect(schemaDeltaFor('1.31').source).toMatch(/^cdk8s-plus-31@[\d.]+ against cdk8s-plus-33@/);
    expect(schemaDeltaFor('1.34').source).toBe('@kubernetes/client-node@1.4.0 against @kubernetes/client-node@1.3.0');
    expect(schemaDeltaFor('1.35').source).toBe('@pulumi/kubernetes@4.29.0 against @pulumi/kubernetes@4.25.0');
  });

  it('refers only to definitions it has', () => {
    for (const set of SCHEMA_SETS.filter((candidate) => candidate.borrowsFrom !== undefined)) {
      const delta = schemaDeltaFor(set.version);
      const refs = JSON.stringify(delta).match(/"#\/definitions\/[^"]+"/g) ?? [];
      for (const ref of new Set(refs)) expect(delta.definitions).toHaveProperty([ref.slice('"#/definitions/'.length, -1)]);
    }
  });
});
