import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { PlatformNamespace, type PlatformNamespaceProps } from '../../lib/constructs/namespace';
import { find, ofKind, synthesize, validationErrors } from './fixtures';

const load = (name: string): EnvironmentConfig => loadEnvironment(join(__dirname, '../../environments', `${name}.yaml`));
const build = (props: PlatformNamespaceProps) => synthesize((chart) => new PlatformNamespace(chart, 'namespace', props));

describe('PlatformNamespace', () => {
  it('names the Namespace after the environment and writes it without a namespace of its own', () => {
    const environment = load('staging');
    const [namespace] = ofKind(build({ environment }), 'Namespace');
    expect(namespace.metadata.name).toBe('video-app-staging');
    expect(namespace.metadata).not.toHaveProperty('namespace');
    expect(namespace.metadata.labels['kubernetes.io/metadata.name']).toBe('video-app-staging');
    expect(namespace.metadata.labels['app.kubernetes.io/part-of']).toBe('video-platform');
    expect(namespace.metadata.labels.environment).toBe('staging');
  });

  it('enforces, audits and warns at the restricted Pod Security Standard, pinned to v1.27', () => {
    const { labels } = find(build({ environment: load('production') }), 'Namespace', 'video-app').metadata;
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
      expect(labels[`pod-security.kubernetes.io/${mode}-version`]).toBe('v1.27');
    }
  });

  it('sets the ResourceQuota from environment.quota', () => {
    const environment = load('development');
    environment.quota = { requestsCpu: '3', requestsMemory: '6Gi', limitsCpu: '6500m', limitsMemory: '12Gi', pods: 25 };
    const quota = find(build({ environment }), 'ResourceQuota', 'resource-quota');
    expect(quota.spec.hard).toEqual({ 'requests.cpu': '3', 'requests.memory': '6Gi', 'limits.cpu': '6500m', 'limits.memory': '12Gi', pods: 25 });
  });

  it('quotas differ per environment as configured', () => {
    const hard = (name: string) => find(build({ environment: load(name) }), 'ResourceQuota', 'resource-quota').spec.hard;
    expect(hard('production')).toEqual({ 'requests.cpu': '16', 'requests.memory': '32Gi', 'limits.cpu': '32', 'limits.memory': '64Gi', pods: 100 });
    expect(hard('development')['limits.cpu']).toBe('8');
  });

  it('gives containers default requests and limits and a maximum in a LimitRange', () => {
    const [limit] = find(build({ environment: load('production') }), 'LimitRange', 'limit-range').spec.limits;
    expect(limit).toEqual({
      type: 'Container',
      default: { cpu: '500m', memory: '512Mi' },
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      max: { cpu: '4', memory: '8Gi' },
    });
  });

  it('takes the per-container maximum from containerMax', () => {
    const manifests = build({ environment: load('production'), containerMax: { cpu: '2', memory: '4Gi' } });
    expect(find(manifests, 'LimitRange', 'limit-range').spec.limits[0].max).toEqual({ cpu: '2', memory: '4Gi' });
  });

  it('accepts the reference environments, whose containers all fit under the maximum', () => {
    for (const name of ['development', 'staging', 'production']) {
      expect(validationErrors((chart) => new PlatformNamespace(chart, 'namespace', { environment: load(name) }))).toEqual([]);
    }
  });

  it('refuses a service whose limits exceed the per-container maximum, naming it', () => {
    const environment = load('production');
    environment.services.worker.resources = { cpu: '6', memory: '1.5Gi' };
    environment.services.api.resources = { cpu: '500m', memory: '9Gi' };
    const errors = validationErrors((chart) => new PlatformNamespace(chart, 'namespace', { environment }));
    expect(errors).toEqual([
      'services.api.resources.memory 9Gi exceeds the per-container maximum 8Gi of namespace video-app; lower it or raise containerMax',
      'services.worker.resources.cpu 6 exceeds the per-container maximum 4 of namespace video-app; lower it or raise containerMax',
    ]);
  });

  it('refuses a maximum too small for the backup container', () => {
    const errors = validationErrors((chart) => new PlatformNamespace(chart, 'namespace', { environment: load('development'), containerMax: { cpu: '500m', memory: '8Gi' } }));
    expect(errors).toContain('backup (container resources).cpu 1 exceeds the per-container maximum 500m of namespace video-app-dev; lower it or raise containerMax');
  });
});
