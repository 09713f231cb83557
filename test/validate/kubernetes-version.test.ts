import { LATEST_KUBERNETES_VERSION, resolveKubernetesVersion, SCHEMA_SETS } from '../../lib/validate';
import { normalizedKubernetesVersion, schemaSetFor } from '../../lib/validate/kubernetes-version';

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
    expect(() => resolveKubernetesVersion('1.31')).toThrow(`no schemas for Kubernetes 1.31: supported versions are 1.27, 1.28, 1.29, 1.30, 1.32, 1.33 (master and latest mean ${LATEST_KUBERNETES_VERSION})`);
    expect(() => resolveKubernetesVersion('1.26')).toThrow('no schemas for Kubernetes 1.26');
    expect(() => resolveKubernetesVersion('1.x')).toThrow('invalid Kubernetes version "1.x"');
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

describe('schema-deltas.json', () => {
  it('has a delta for every borrowing release and none for another', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const deltas = require('../../lib/validate/schema-deltas.json') as Record<string, unknown>;
    expect(Object.keys(deltas).sort()).toEqual(SCHEMA_SETS.filter((set) => set.borrowsFrom !== undefined).map((set) => set.version));
  });
});
