import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../lib/app';
import { parseEnvironment } from '../../lib/config';
import { DatabaseMigration, migrationName } from '../../lib/constructs/migrations';
import { syncWaveAnnotation } from '../../lib/sync-waves';
import { find, productionEnvironment, synthesize, type Manifest } from './fixtures';

const hookAnnotation = 'argocd.argoproj.io/hook';

/** Production as synthesized by the app (sync waves included). */
function productionManifests(environment = productionEnvironment()): Manifest[] {
  const app = buildApp([{ config: environment, file: 'environments/production.yaml' }]);
  return app.charts.find((chart) => chart.node.id === 'production')!.toJson() as Manifest[];
}

/**
 * Argo CD's apply order: the PreSync phase before the Sync phase, then by sync wave (see Argo CD's
 * "Sync Phases and Waves"). Returns a sort key for one object.
 */
function syncOrder(object: Manifest): [number, number] {
  const phases = ['PreSync', undefined, 'Sync', 'PostSync'];
  const annotations = object.metadata.annotations ?? {};
  return [phases.indexOf(annotations[hookAnnotation]), Number(annotations[syncWaveAnnotation] ?? 0)];
}
const before = (a: Manifest, b: Manifest) => {
  const [x, y] = [syncOrder(a), syncOrder(b)];
  return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
};

describe('DatabaseMigration', () => {
  const manifests = productionManifests();
  const job = find(manifests, 'Job', migrationName);
  const pod = job.spec.template.spec;

  it('runs as an Argo CD PreSync hook that replaces the previous run', () => {
    for (const [kind, name] of [['Job', migrationName], ['ServiceAccount', migrationName], ['NetworkPolicy', `allow-${migrationName}-egress`]]) {
      expect(find(manifests, kind, name).metadata.annotations).toMatchObject({
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      });
    }
  });

  it('sorts before every workload, after its own account and network policy', () => {
    const workloads = manifests.filter((m) => ['Deployment', 'CronJob', 'Service', 'Ingress'].includes(m.kind));
    expect(workloads.length).toBeGreaterThan(0);
    for (const workload of workloads) expect(before(job, workload)).toBe(true);
    expect(before(find(manifests, 'ServiceAccount', migrationName), job)).toBe(true);
    expect(before(find(manifests, 'NetworkPolicy', `allow-${migrationName}-egress`), job)).toBe(true);
  });

  it('takes image, command, retries and deadline from configuration', () => {
    const environment = productionEnvironment();
    environment.migrations = { ...environment.migrations!, command: ['migrate', '-path', '/migrations', 'up'], backoffLimit: 2, activeDeadlineSeconds: 120 };
    const custom = find(synthesize((chart) => new DatabaseMigration(chart, 'm', { environment: { ...environment, migrations: environment.migrations! } })), 'Job', migrationName);
    expect(custom.spec.backoffLimit).toBe(2);
    expect(custom.spec.activeDeadlineSeconds).toBe(120);
    expect(custom.spec.template.spec.containers[0].command).toEqual(['migrate', '-path', '/migrations', 'up']);
    expect(custom.spec.template.spec.containers[0].image).toBe(environment.migrations!.image);
  });

  it('stops the sync at the first failure by default: no retry, never restarted in place', () => {
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.activeDeadlineSeconds).toBe(900);
    expect(pod.restartPolicy).toBe('Never');
  });

  it('has the restricted pod security of the workloads and no API token', () => {
    const container = pod.containers[0];
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe(migrationName);
    expect(find(manifests, 'ServiceAccount', migrationName).automountServiceAccountToken).toBe(false);
  });

  it('reads credentials only from Secret references', () => {
    const env = pod.containers[0].env as Array<{ name: string; value?: string; valueFrom?: unknown }>;
    expect(env.find((e) => e.name === 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'migrations-database', key: 'url' } } });
    expect(env.filter((e) => e.value !== undefined).map((e) => e.name)).toEqual(['HOME']);
  });

  it('may reach PostgreSQL and nothing else', () => {
    const policy = find(manifests, 'NetworkPolicy', `allow-${migrationName}-egress`);
    expect(policy.spec.podSelector.matchLabels).toMatchObject({ 'app.kubernetes.io/name': migrationName });
    expect(policy.spec.policyTypes).toEqual(['Egress']);
    expect(policy.spec.egress).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'database' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
  });

  it('is left out when the environment configures no migrations', () => {
    const environment = productionEnvironment();
    delete environment.migrations;
    expect(productionManifests(environment).filter((m) => m.metadata.name.includes(migrationName))).toEqual([]);
  });

  it('refuses migrations without a Secret for the credentials', () => {
    const text = readFileSync(join(__dirname, '../../environments/production.yaml'), 'utf8').replace(
      '    DATABASE_URL: { secret: migrations-database, key: url }\n',
      '    {}\n',
    ).replace('  secretEnv:\n    {}\n', '  secretEnv: {}\n');
    expect(() => parseEnvironment(text, 'environments/production.yaml', 'production')).toThrow(/migrations\.secretEnv.*Secret holding the database credentials/s);
  });
});
