import { LATEST_KUBERNETES_VERSION, resolveKubernetesVersion, SCHEMA_SETS } from '../../lib/validate';
import { normalizedKubernetesVersion, schemaPackageFor } from '../../lib/validate/kubernetes-version';

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
    expect(() => resolveKubernetesVersion('1.30')).toThrow(`no schemas for Kubernetes 1.30: supported versions are 1.27, 1.33 (master and latest mean ${LATEST_KUBERNETES_VERSION})`);
    expect(() => resolveKubernetesVersion('1.x')).toThrow('invalid Kubernetes version "1.x"');
  });

  it('maps each release to an installed package of that release', () => {
    for (const set of SCHEMA_SETS) {
      const version = resolveKubernetesVersion(set.version);
      expect(() => require.resolve(`${schemaPackageFor(version)}/package.json`)).not.toThrow();
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
