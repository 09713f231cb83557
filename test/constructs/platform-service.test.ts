import type { EnvironmentConfig } from '../../lib/config';
import { PlatformService } from '../../lib/constructs/platform-service';
import { find, minimalService, plainEnvironment, productionEnvironment, selects, synthesize, validationErrors, type Manifest } from './fixtures';

const build = (environment: EnvironmentConfig, serviceName: string): Manifest[] =>
  synthesize((chart) => new PlatformService(chart, serviceName, { environment, serviceName }));

const inventory = (manifests: Manifest[]): string[] => manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();

describe('PlatformService', () => {
  it('with minimal props (one pod, no port, no API access) writes account, Deployment, HPA, PodMonitor and dashboard', () => {
    const environment = plainEnvironment();
    environment.services.batch = minimalService({ component: 'worker' });
    expect(inventory(build(environment, 'batch'))).toEqual([
      'ConfigMap/batch-dashboard',
      'Deployment/batch',
      'HorizontalPodAutoscaler/batch',
      'PodMonitor/batch',
      'ServiceAccount/batch',
    ]);
  });

  it('with all props (blue/green, port, API access, two or more pods) writes the full set per color', () => {
    expect(inventory(build(productionEnvironment(), 'api'))).toEqual([
      'ConfigMap/api-dashboard',
      'Deployment/api-blue',
      'Deployment/api-green',
      'HorizontalPodAutoscaler/api-blue',
      'HorizontalPodAutoscaler/api-green',
      'PodDisruptionBudget/api-blue',
      'PodDisruptionBudget/api-green',
      'Role/api',
      'RoleBinding/api',
      'Service/api',
      'Service/api-preview',
      'ServiceAccount/api',
      'ServiceMonitor/api',
    ]);
  });

  it('gives a service with a port one Deployment and a Service that selects it', () => {
    const manifests = build(plainEnvironment(), 'web');
    expect(inventory(manifests)).toEqual([
      'ConfigMap/web-dashboard',
      'Deployment/web',
      'HorizontalPodAutoscaler/web',
      'PodDisruptionBudget/web',
      'Service/web',
      'ServiceAccount/web',
      'ServiceMonitor/web',
    ]);
    expect(selects(find(manifests, 'Service', 'web').spec.selector, find(manifests, 'Deployment', 'web').spec.template.metadata.labels)).toBe(true);
  });

  it.each(['web', 'worker'])('mounts no service-account token into %s pods, which do not use the Kubernetes API', (serviceName) => {
    const manifests = build(plainEnvironment(), serviceName);
    expect(find(manifests, 'Deployment', serviceName).spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(find(manifests, 'ServiceAccount', serviceName).automountServiceAccountToken).toBe(false);
  });

  it.each([
    [1, false],
    [2, true],
  ])('with a minimum of %i pods writes a PDB: %s', (min, expected) => {
    const environment = plainEnvironment();
    environment.services.web.replicas = { min, max: 4 };
    const manifests = build(environment, 'web');
    expect(manifests.some((m) => m.kind === 'PodDisruptionBudget')).toBe(expected);
    if (expected) {
      expect(find(manifests, 'PodDisruptionBudget', 'web').spec.selector.matchLabels).toEqual(find(manifests, 'Deployment', 'web').spec.selector.matchLabels);
    }
  });

  it('builds a fourth service from configuration alone', () => {
    const environment = productionEnvironment();
    environment.services.transcoder = minimalService({
      component: 'worker',
      image: 'registry.example.com/video-platform/transcoder:0.9.0',
      port: 8081,
      metricsPort: 9102,
      replicas: { min: 2, max: 8 },
      kubernetesApi: [{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'get'] }],
      secretEnv: { S3_SECRET_ACCESS_KEY: { secret: 'transcoder-s3', key: 'secret-access-key' } },
    });
    const manifests = build(environment, 'transcoder');
    expect(inventory(manifests)).toEqual([
      'ConfigMap/transcoder-dashboard',
      'Deployment/transcoder',
      'HorizontalPodAutoscaler/transcoder',
      'PodDisruptionBudget/transcoder',
      'Role/transcoder',
      'RoleBinding/transcoder',
      'Service/transcoder',
      'ServiceAccount/transcoder',
      'ServiceMonitor/transcoder',
    ]);
    for (const manifest of manifests) {
      expect(manifest.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'transcoder', 'app.kubernetes.io/part-of': 'video-platform' });
    }
    expect(find(manifests, 'ServiceMonitor', 'transcoder').spec.endpoints[0].port).toBe('metrics');
    expect(find(manifests, 'Role', 'transcoder').rules).toEqual([{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'get'] }]);
    expect(find(manifests, 'Deployment', 'transcoder').spec.template.spec.topologySpreadConstraints).toHaveLength(2);
  });

  it('refuses an unknown service, naming the prop and the value', () => {
    expect(() => build(productionEnvironment(), 'encoder')).toThrow('serviceName "encoder" names no service of environment "production"');
  });

  it('reports a plain service without an image and a blue/green service with one', () => {
    const environment = productionEnvironment();
    environment.services.web.image = undefined;
    environment.services.api.image = 'registry.example.com/video-platform/api:9.9.9';
    const errors = validationErrors((chart) => {
      new PlatformService(chart, 'api', { environment, serviceName: 'api' });
      new PlatformService(chart, 'web', { environment, serviceName: 'web' });
    });
    expect(errors).toEqual([
      'services.api.image: "registry.example.com/video-platform/api:9.9.9" must be absent; a blue/green service takes its images from blueGreen.api',
      'services.web.image: is required (or an entry under blueGreen.web)',
    ]);
  });

  it('reports nothing for the reference environment', () => {
    const environment = productionEnvironment();
    const errors = validationErrors((chart) => {
      for (const serviceName of Object.keys(environment.services)) new PlatformService(chart, serviceName, { environment, serviceName });
    });
    expect(errors).toEqual([]);
  });
});
