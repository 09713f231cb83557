import { API_REMOVALS, apiLifecycle, parseKubernetesVersion } from '../../lib/validate';
import { compareVersions } from '../../lib/validate/kubernetes-version';

const v = parseKubernetesVersion;

describe('API_REMOVALS', () => {
  it('is sorted by removal release, then apiVersion', () => {
    const keys = API_REMOVALS.map((r) => [v(r.removedIn), r.apiVersion] as const);
    const sorted = [...keys].sort((a, b) => compareVersions(a[0], b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
  });

  it('lists each apiVersion/kind once, deprecated before removed, with sorted kinds', () => {
    const seen = new Set<string>();
    for (const removal of API_REMOVALS) {
      expect(compareVersions(v(removal.deprecatedIn), v(removal.removedIn))).toBeLessThan(0);
      expect([...removal.kinds].sort()).toEqual(removal.kinds);
      for (const kind of removal.kinds) {
        const key = `${removal.apiVersion}/${kind}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
  });

  it('names a replacement (and when it arrived) or advice for every entry', () => {
    for (const removal of API_REMOVALS) {
      if (removal.replacement === undefined) expect(removal.advice).toBeTruthy();
      // The guide may name a successor that arrived in the removing release (flowcontrol v1beta3 for v1beta1 in 1.26).
      else expect(compareVersions(v(removal.replacementSince as string), v(removal.removedIn))).toBeLessThanOrEqual(0);
    }
  });
});

describe('apiLifecycle', () => {
  it.each([
    ['extensions/v1beta1', 'Deployment', '1.16', 'removed'],
    ['extensions/v1beta1', 'Deployment', '1.15', 'deprecated'],
    ['policy/v1beta1', 'PodDisruptionBudget', '1.25', 'removed'],
    ['policy/v1beta1', 'PodDisruptionBudget', '1.24', 'deprecated'],
    ['policy/v1beta1', 'PodDisruptionBudget', '1.20', 'served'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.26', 'removed'],
    ['batch/v1beta1', 'CronJob', '1.25', 'removed'],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.29', 'removed'],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.27', 'deprecated'],
    ['apps/v1', 'Deployment', '1.27', 'served'],
    ['policy/v1beta1', 'Eviction', '1.27', 'served'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', '1.22', 'not-yet-served'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', '1.23', 'served'],
    ['policy/v1', 'PodDisruptionBudget', '1.20', 'not-yet-served'],
    // The API server warns about autoscaling/v2beta1 from 1.22, a release before autoscaling/v2 existed.
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.21', 'served'],
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.22', 'deprecated'],
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.25', 'removed'],
    ['storage.k8s.io/v1beta1', 'CSINode', '1.17', 'deprecated'],
    ['storage.k8s.io/v1', 'CSINode', '1.16', 'not-yet-served'],
    ['storage.k8s.io/v1', 'StorageClass', '1.16', 'served'],
    ['apps/v1beta1', 'ReplicaSet', '1.16', 'removed'],
  ])('%s %s on Kubernetes %s is %s', (apiVersion, kind, version, state) => {
    expect(apiLifecycle(apiVersion, kind, v(version)).state).toBe(state);
  });

  it('carries the replacement of a removed API', () => {
    const lifecycle = apiLifecycle('batch/v1beta1', 'CronJob', v('1.27'));
    expect(lifecycle).toMatchObject({ state: 'removed', removal: { replacement: 'batch/v1', replacementSince: '1.21' } });
  });
});

describe('parseKubernetesVersion', () => {
  it.each([
    ['1.27', { major: 1, minor: 27 }],
    ['v1.29', { major: 1, minor: 29 }],
    ['1.27.3', { major: 1, minor: 27, patch: 3 }],
  ])('reads %s', (text, version) => {
    expect(parseKubernetesVersion(text)).toEqual(version);
  });

  it.each(['latest', '1', '1.x', '1.27.3.4', ''])('rejects %j with the accepted shape', (text) => {
    expect(() => parseKubernetesVersion(text)).toThrow('use MAJOR.MINOR, e.g. 1.27');
  });
});
