import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** The three environments of the reference platform, in the order they are written. */
export const generatedEnvironmentNames = ['development', 'staging', 'production'] as const;
export type GeneratedEnvironmentName = (typeof generatedEnvironmentNames)[number];

/** The roles of the reference platform's services; generated service `n` takes role `n mod 3`. */
const roles = ['api', 'worker', 'web'] as const;
type Role = (typeof roles)[number];

/** What differs between the environments of the reference platform, per environment. */
interface EnvironmentProfile {
  namespace: string;
  host: string;
  clusterIssuer: string;
  timeoutSeconds: number;
  topologySpread: boolean;
  automatedSync: boolean;
  /** Replicas per role, as in environments/<env>.yaml. */
  replicas: Record<Role, { min: number; max: number }>;
  /** Resource limits are the reference's, times this factor. */
  resourceScale: number;
  logLevel: string;
  /** Production pins image digests and runs every api blue/green. */
  pinned: boolean;
}

const profiles: Record<GeneratedEnvironmentName, EnvironmentProfile> = {
  development: {
    namespace: 'video-app-dev',
    host: 'dev-api.example.com',
    clusterIssuer: 'letsencrypt-staging',
    timeoutSeconds: 120,
    topologySpread: false,
    automatedSync: true,
    replicas: { api: { min: 1, max: 2 }, worker: { min: 1, max: 2 }, web: { min: 1, max: 2 } },
    resourceScale: 0.5,
    logLevel: 'debug',
    pinned: false,
  },
  staging: {
    namespace: 'video-app-staging',
    host: 'staging-api.example.com',
    clusterIssuer: 'letsencrypt-staging',
    timeoutSeconds: 300,
    topologySpread: false,
    automatedSync: true,
    replicas: { api: { min: 2, max: 5 }, worker: { min: 2, max: 5 }, web: { min: 2, max: 4 } },
    resourceScale: 1,
    logLevel: 'info',
    pinned: false,
  },
  production: {
    namespace: 'video-app',
    host: 'api.example.com',
    clusterIssuer: 'letsencrypt-prod',
    timeoutSeconds: 300,
    topologySpread: true,
    automatedSync: false,
    replicas: { api: { min: 3, max: 10 }, worker: { min: 3, max: 15 }, web: { min: 3, max: 6 } },
    resourceScale: 1,
    logLevel: 'info',
    pinned: true,
  },
};

/** Reference limits per role, in millicores and MiB (production's values). */
const referenceResources: Record<Role, { cpuMillis: number; memoryMi: number }> = {
  api: { cpuMillis: 500, memoryMi: 512 },
  worker: { cpuMillis: 1000, memoryMi: 1024 },
  web: { cpuMillis: 250, memoryMi: 256 },
};

/** Name of generated service `index` (1-based): `api-0001`, `worker-0002`, `web-0003`, … */
export function generatedServiceName(index: number, serviceCount: number): string {
  const width = Math.max(4, String(serviceCount).length);
  return `${roleOf(index)}-${String(index).padStart(width, '0')}`;
}

function roleOf(index: number): Role {
  return roles[(index - 1) % roles.length];
}

/** A stable fake digest, so production's pinned images look real and never change between runs. */
function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function image(repository: string, tag: string, pinned: boolean): string {
  const reference = `registry.example.com/video-platform/${repository}:${tag}`;
  return pinned ? `${reference}@${digestOf(reference)}` : reference;
}

function serviceConfig(name: string, role: Role, profile: EnvironmentProfile): Record<string, unknown> {
  const { cpuMillis, memoryMi } = referenceResources[role];
  const resources = {
    cpu: `${Math.round(cpuMillis * profile.resourceScale)}m`,
    memory: `${Math.round(memoryMi * profile.resourceScale)}Mi`,
  };
  const common = { resources, replicas: profile.replicas[role] };
  const tag = profile.pinned ? '1.4.2' : '1.5.0';
  switch (role) {
    case 'api':
      return {
        component: 'api',
        // A blue/green service takes its images from `blueGreen` instead.
        ...(profile.pinned ? {} : { image: image(name, tag, false) }),
        port: 8080,
        metricsPort: 8080,
        ingressPath: `/${name}`,
        ...common,
        autoscaling: { cpuPercent: 70, memoryPercent: 80 },
        kubernetesApi: [{ resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }],
        egress: ['postgres', 'redis'],
        env: { LOG_LEVEL: profile.logLevel },
        secretEnv: {
          DATABASE_URL: { secret: `${name}-database`, key: 'url' },
          REDIS_URL: { secret: `${name}-redis`, key: 'url' },
        },
      };
    case 'worker':
      return {
        component: 'worker',
        image: image(name, tag, profile.pinned),
        metricsPort: 9090,
        ...common,
        autoscaling: { cpuPercent: 75, memoryPercent: 85 },
        egress: ['postgres', 'redis', 'objectStorage'],
        env: { LOG_LEVEL: profile.logLevel },
        secretEnv: {
          DATABASE_URL: { secret: `${name}-database`, key: 'url' },
          REDIS_URL: { secret: `${name}-redis`, key: 'url' },
          S3_ACCESS_KEY_ID: { secret: `${name}-object-storage`, key: 'access-key-id' },
          S3_SECRET_ACCESS_KEY: { secret: `${name}-object-storage`, key: 'secret-access-key' },
        },
      };
    case 'web':
      return {
        component: 'frontend',
        image: image(name, tag, profile.pinned),
        port: 8080,
        metricsPort: 8080,
        ingressPath: `/${name}`,
        ...common,
        autoscaling: { cpuPercent: 70, memoryPercent: 80 },
      };
  }
}

/**
 * The configuration of one generated environment with `serviceCount` services, in the shape of
 * environments/<env>.yaml. Quotas grow with the service count so that every generated platform fits.
 */
export function generateEnvironment(environment: GeneratedEnvironmentName, serviceCount: number): Record<string, unknown> {
  if (!Number.isInteger(serviceCount) || serviceCount < 1) {
    throw new RangeError(`serviceCount must be a positive integer, got ${serviceCount}`);
  }
  const profile = profiles[environment];
  const services: Record<string, unknown> = {};
  const blueGreen: Record<string, unknown> = {};
  for (let index = 1; index <= serviceCount; index++) {
    const name = generatedServiceName(index, serviceCount);
    const role = roleOf(index);
    services[name] = serviceConfig(name, role, profile);
    if (role === 'api' && profile.pinned) {
      blueGreen[name] = {
        activeColor: 'blue',
        idleColorScale: 'warm',
        previewHost: `preview-${name}.example.com`,
        blue: { image: image(name, '1.4.2', true) },
        green: { image: image(name, '1.4.1', true) },
      };
    }
  }
  // Room for every pod at its maximum, both colors of a blue/green service, and the backup jobs.
  const maxPods = Object.values(services).reduce<number>(
    (sum, service) => sum + 2 * (service as { replicas: { max: number } }).replicas.max,
    10,
  );
  return {
    name: environment,
    namespace: profile.namespace,
    imageRegistries: ['registry.example.com'],
    topologySpread: profile.topologySpread,
    ingress: {
      host: profile.host,
      clusterIssuer: profile.clusterIssuer,
      rateLimitPerMinute: 100,
      proxyBodySize: '50m',
      timeoutSeconds: profile.timeoutSeconds,
    },
    network: {
      postgres: { host: 'postgres.database.svc.cluster.local', port: 5432, namespace: 'database' },
      redis: { host: 'redis.database.svc.cluster.local', port: 6379, namespace: 'database' },
      objectStorageCidrs: ['10.20.0.0/16'],
    },
    quota: {
      requestsCpu: String(maxPods),
      requestsMemory: `${maxPods}Gi`,
      limitsCpu: String(2 * maxPods),
      limitsMemory: `${2 * maxPods}Gi`,
      pods: maxPods,
    },
    monitoring: { errorRatePercent: 1, latencyP95Seconds: 1, memoryLimitPercent: 90 },
    backup: {
      image: image('backup', '2.3.0', profile.pinned),
      bucket: `video-app-backups-${environment}`,
      endpoint: 'https://s3.example.com',
      storageCredentialsSecret: 'backup-storage-credentials',
      postgresCredentialsSecret: 'postgres-backup-credentials',
      redisCredentialsSecret: 'redis-backup-credentials',
    },
    argocd: {
      repoURL: 'https://git.example.com/platform/video-platform-manifests.git',
      targetRevision: 'main',
      automatedSync: profile.automatedSync,
    },
    services,
    ...(Object.keys(blueGreen).length > 0 ? { blueGreen } : {}),
  };
}

/**
 * Writes `<dir>/<env>.yaml` for the three environments, each with `serviceCount` services, and
 * returns the written paths (sorted).
 */
export function writeGeneratedEnvironments(dir: string, serviceCount: number): string[] {
  mkdirSync(dir, { recursive: true });
  const paths = generatedEnvironmentNames.map((environment) => {
    const path = join(dir, `${environment}.yaml`);
    const header = `# Generated by bench/generate-config.ts: ${serviceCount} services modelled on api/worker/web.\n`;
    writeFileSync(path, header + stringify(generateEnvironment(environment, serviceCount), { lineWidth: 0, aliasDuplicateObjects: false }));
    return path;
  });
  return paths.sort();
}
