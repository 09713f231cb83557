import type { EnvironmentConfig } from '../../lib/config';
import { Workload, type WorkloadProps } from '../../lib/constructs/workload';
import { find, minimalService, namesOf, plainEnvironment, selects, synthesize, validationErrors, type Manifest } from './fixtures';

const image = 'registry.example.com/video-platform/api:2.0.0';

function build(environment: EnvironmentConfig, props: Partial<WorkloadProps> = {}): Manifest[] {
  return synthesize((chart) => new Workload(chart, 'workload', { environment, serviceName: 'api', image, ...props }));
}

function withMinimalApi(): EnvironmentConfig {
  const environment = plainEnvironment();
  environment.topologySpread = false;
  environment.services.api = minimalService({ port: 8080, metricsPort: 8080 });
  return environment;
}

const podSpecOf = (manifests: Manifest[], name: string) => find(manifests, 'Deployment', name).spec.template.spec;
const containerOf = (manifests: Manifest[], name: string) => podSpecOf(manifests, name).containers[0];

describe('Workload', () => {
  it('with minimal props writes one Deployment named after the service, autoscaled, without a PDB for one pod', () => {
    const manifests = build(withMinimalApi());
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(['Deployment/api', 'HorizontalPodAutoscaler/api']);
    const deployment = find(manifests, 'Deployment', 'api');
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api-production' });
    expect(deployment.metadata.labels['app.kubernetes.io/version']).toBe('2.0.0');
  });

  it('with all props writes a colored Deployment scaled to zero, without HPA or PDB', () => {
    const manifests = build(plainEnvironment(), { color: 'green', scaledToZero: true });
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Deployment/api-green']);
    const deployment = find(manifests, 'Deployment', 'api-green');
    expect(deployment.spec.replicas).toBe(0);
    expect(deployment.spec.selector.matchLabels.color).toBe('green');
    expect(deployment.spec.template.metadata.labels.color).toBe('green');
    expect(deployment.metadata.labels.color).toBe('green');
  });

  it('carries the recommended labels on the Deployment and its pods, and its selector matches its pods', () => {
    const deployment = find(build(plainEnvironment()), 'Deployment', 'api');
    for (const labels of [deployment.metadata.labels, deployment.spec.template.metadata.labels]) {
      expect(labels).toMatchObject({
        'app.kubernetes.io/name': 'api',
        'app.kubernetes.io/component': 'api',
        'app.kubernetes.io/part-of': 'video-platform',
        'app.kubernetes.io/managed-by': 'cdk8s',
        environment: 'production',
      });
      expect(Object.keys(labels).some((key) => key.startsWith('cdk8s.io/'))).toBe(false);
    }
    expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
  });

  it('runs as a non-root user with a read-only root filesystem, no capabilities and the default seccomp profile', () => {
    const manifests = build(plainEnvironment());
    const pod = podSpecOf(manifests, 'api');
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const container = containerOf(manifests, 'api');
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });

  it('requests half of each limit', () => {
    const environment = plainEnvironment();
    environment.services.worker.resources = { cpu: '1', memory: '1Gi' };
    const manifests = synthesize((chart) => new Workload(chart, 'w', { environment, serviceName: 'worker', image }));
    expect(containerOf(manifests, 'worker').resources).toEqual({
      limits: { cpu: '1', memory: '1Gi' },
      requests: { cpu: '500m', memory: '512Mi' },
    });
  });

  it('probes the http port at the configured paths', () => {
    const environment = plainEnvironment();
    environment.services.api.probes = { liveness: '/livez', readiness: '/readyz' };
    const container = containerOf(build(environment), 'api');
    expect(container.startupProbe.httpGet).toEqual({ path: '/livez', port: 'http', scheme: 'HTTP' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/livez', port: 'http', scheme: 'HTTP' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http', scheme: 'HTTP' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  });

  it('probes the metrics port of a service without an HTTP port', () => {
    const environment = plainEnvironment();
    const manifests = synthesize((chart) => new Workload(chart, 'w', { environment, serviceName: 'worker', image }));
    const container = containerOf(manifests, 'worker');
    expect(container.ports).toEqual([{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }]);
    for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
      expect(probe.httpGet.port).toBe('metrics');
    }
  });

  it('names a separate metrics port next to the http port', () => {
    const environment = plainEnvironment();
    environment.services.api.metricsPort = 9100;
    expect(containerOf(build(environment), 'api').ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
    ]);
  });

  it('sleeps before SIGTERM within the grace period', () => {
    const environment = plainEnvironment();
    environment.services.api.preStopSleepSeconds = 10;
    environment.services.api.terminationGracePeriodSeconds = 45;
    const manifests = build(environment);
    expect(containerOf(manifests, 'api').lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '10'] } } });
    expect(podSpecOf(manifests, 'api').terminationGracePeriodSeconds).toBe(45);
  });

  it('has no preStop hook when the sleep is zero', () => {
    const environment = plainEnvironment();
    environment.services.api.preStopSleepSeconds = 0;
    expect(containerOf(build(environment), 'api').lifecycle).toBeUndefined();
  });

  it('rolls out one extra pod at a time without losing capacity, keeping five revisions', () => {
    const { spec } = find(build(plainEnvironment()), 'Deployment', 'api');
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(spec.revisionHistoryLimit).toBe(5);
  });

  it('spreads pods across zones and nodes when the environment asks for it', () => {
    const environment = plainEnvironment();
    environment.topologySpread = true;
    const constraints = podSpecOf(build(environment, { color: 'blue' }), 'api-blue').topologySpreadConstraints;
    expect(constraints.map((c: Manifest) => [c.topologyKey, c.whenUnsatisfiable, c.maxSkew])).toEqual([
      ['topology.kubernetes.io/zone', 'DoNotSchedule', 1],
      ['kubernetes.io/hostname', 'ScheduleAnyway', 1],
    ]);
    for (const constraint of constraints) expect(constraint.labelSelector.matchLabels.color).toBe('blue');
  });

  it('writes no spread constraints when the environment does not ask for them', () => {
    const environment = plainEnvironment();
    environment.topologySpread = false;
    expect(podSpecOf(build(environment), 'api').topologySpreadConstraints).toBeUndefined();
  });

  it('sets plain variables as values and secret ones only as Secret references, sorted by name', () => {
    const environment = plainEnvironment();
    environment.services.api.env = { ZONE: 'eu', LOG_LEVEL: 'info' };
    environment.services.api.secretEnv = { DATABASE_URL: { secret: 'api-database', key: 'url' } };
    expect(containerOf(build(environment), 'api').env).toEqual([
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'api-database', key: 'url' } } },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'ZONE', value: 'eu' },
    ]);
  });

  it('mounts a token only for a service that uses the Kubernetes API', () => {
    const environment = plainEnvironment();
    const withApi = podSpecOf(build(environment), 'api');
    expect(withApi.automountServiceAccountToken).toBe(true);
    expect(withApi.serviceAccountName).toBe('api');
    environment.services.api.kubernetesApi = [];
    expect(podSpecOf(build(environment), 'api').automountServiceAccountToken).toBe(false);
  });

  it('reports a variable set both plainly and from a Secret', () => {
    const environment = plainEnvironment();
    environment.services.api.env = { DATABASE_URL: 'postgres://' };
    const errors = validationErrors((chart) => new Workload(chart, 'w', { environment, serviceName: 'api', image }));
    expect(errors).toEqual([expect.stringContaining('variable DATABASE_URL is set in both env and secretEnv')]);
    expect(validationErrors((chart) => new Workload(chart, 'w', { environment: plainEnvironment(), serviceName: 'api', image }))).toEqual([]);
  });

  it('refuses a service the environment does not define, naming it', () => {
    expect(() => build(plainEnvironment(), { serviceName: 'nope' })).toThrow('serviceName "nope" names no service of environment "production" (services: api, web, worker)');
  });

  it('writes the PDB only together with the HPA', () => {
    expect(namesOf(build(plainEnvironment()), 'PodDisruptionBudget')).toEqual(['api']);
    expect(namesOf(build(plainEnvironment(), { scaledToZero: true }), 'PodDisruptionBudget')).toEqual([]);
  });
});
