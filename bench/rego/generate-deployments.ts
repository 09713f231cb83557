/** The rules of bench/rego/kubernetes.rego, by the id that starts each of their messages. */
export const regoBenchRules = [
  'registry',
  'latest',
  'resources',
  'probes',
  'non-root',
  'read-only-root',
  'privileged',
  'host-path',
  'labels',
  'replicas',
] as const;
export type RegoBenchRule = (typeof regoBenchRules)[number];

/** Registries the policy set allows (its `data.bench.allowedRegistries`). */
export const allowedRegistries = ['registry.example.com'];

/** Generated Deployments and the findings the policy set must report on them. */
export interface GeneratedDeployments {
  objects: Record<string, unknown>[];
  /** For each object, the one rule it breaks, or null for a clean object. */
  planted: (RegoBenchRule | null)[];
}

const environments = ['development', 'staging', 'production'];

/**
 * `count` Deployments, deterministic: object `i` breaks rule `i mod 11` once (0 = clean), so every
 * rule fires on about a eleventh of them and the policy set's findings can be checked exactly.
 * Every fifth object has a second, clean, container.
 */
export function generateDeployments(count: number): GeneratedDeployments {
  const objects: Record<string, unknown>[] = [];
  const planted: (RegoBenchRule | null)[] = [];
  for (let i = 0; i < count; i++) {
    const rule = i % (regoBenchRules.length + 1) === 0 ? null : regoBenchRules[(i % (regoBenchRules.length + 1)) - 1];
    objects.push(deployment(i, rule));
    planted.push(rule);
  }
  return { objects, planted };
}

function container(name: string, image: string) {
  return {
    name,
    image,
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    livenessProbe: { httpGet: { path: '/health', port: 8080 } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
  };
}

function deployment(index: number, rule: RegoBenchRule | null): Record<string, unknown> {
  const name = `service-${String(index).padStart(5, '0')}`;
  const environment = environments[index % environments.length];
  const main: Record<string, any> = container(name, `registry.example.com/video-platform/${name}:1.${index % 10}.0`);
  const containers: Record<string, any>[] = [main];
  if (index % 5 === 0) containers.push(container('log-shipper', 'registry.example.com/platform/log-shipper:2.1.0'));
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `${name}-${environment}`,
    'app.kubernetes.io/part-of': 'video-platform',
    environment,
  };
  const volumes: Record<string, unknown>[] = [{ name: 'tmp', emptyDir: {} }];
  let replicas = environment === 'production' ? 3 : 1;
  switch (rule) {
    case 'registry': main.image = `docker.io/library/${name}:1.0.0`; break;
    case 'latest': main.image = `registry.example.com/video-platform/${name}:latest`; break;
    case 'resources': delete main.resources.limits.memory; break;
    case 'probes': delete main.readinessProbe; break;
    case 'non-root': main.securityContext.runAsNonRoot = false; break;
    case 'read-only-root': main.securityContext.readOnlyRootFilesystem = false; break;
    case 'privileged': main.securityContext.privileged = true; break;
    case 'host-path': volumes.push({ name: 'docker-socket', hostPath: { path: '/var/run/docker.sock' } }); break;
    case 'labels': delete labels['app.kubernetes.io/part-of']; break;
    case 'replicas': labels.environment = 'production'; replicas = 2; break;
    case null: break;
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: `video-app-${environment}`, labels },
    spec: {
      replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 10001 },
          containers,
          volumes,
        },
      },
    },
  };
}

/** The rule id of a finding (`[latest] container …` → `latest`), or null if it has none. */
export function ruleOfMessage(message: string): string | null {
  return /^\[([a-z-]+)\]/.exec(message)?.[1] ?? null;
}
