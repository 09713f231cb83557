import { ApiObject, Testing } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { buildApp } from '../../lib/app';
import type { EnvironmentConfig } from '../../lib/config';
import { ExternalSecrets } from '../../lib/constructs/external-secrets';
import { secretReferences } from '../../lib/constructs/secret-references';
import { productionEnvironment, type Manifest } from './fixtures';

/** An environment as the app synthesizes it. */
function manifestsOf(environment: EnvironmentConfig): Manifest[] {
  const app = buildApp([{ config: environment, file: `environments/${environment.name}.yaml` }]);
  return app.charts.find((chart) => chart.node.id === environment.name)!.toJson() as Manifest[];
}

const externalSecrets = (manifests: Manifest[]) => manifests.filter((m) => m.kind === 'ExternalSecret');

describe('secretReferences', () => {
  it('finds env keys, envFrom, secret volumes and projected secrets, with their readers', () => {
    const chart = Testing.chart();
    new k8s.KubePod(chart, 'pod', {
      metadata: { name: 'reader' },
      spec: {
        containers: [
          {
            name: 'c',
            env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'one', key: 'b' } } }, { name: 'B', valueFrom: { secretKeyRef: { name: 'one', key: 'a' } } }],
            envFrom: [{ secretRef: { name: 'two' } }],
          },
        ],
        volumes: [
          { name: 'v', secret: { secretName: 'three' } },
          { name: 'p', projected: { sources: [{ secret: { name: 'four' } }] } },
        ],
      },
    });
    const references = secretReferences(chart);
    expect(references.map((r) => [r.name, r.keys, r.wholeSecret])).toEqual([
      ['four', [], true],
      ['one', ['a', 'b'], false],
      ['three', [], true],
      ['two', [], true],
    ]);
    expect(references[0].readers).toEqual(['Pod/reader']);
    expect(references[0].readByNonHook).toBe(true);
  });

  it('reads the pod spec of every workload kind, and only pod specs', () => {
    const chart = Testing.chart();
    const podSpec = (secret: string) => ({ containers: [{ name: 'c', envFrom: [{ secretRef: { name: secret } }] }] });
    const template = (secret: string) => ({ metadata: { labels: { app: secret } }, spec: podSpec(secret) });
    const selector = (secret: string) => ({ matchLabels: { app: secret } });
    new k8s.KubeStatefulSet(chart, 'sts', { metadata: { name: 'sts' }, spec: { serviceName: 'sts', selector: selector('for-statefulset'), template: template('for-statefulset') } });
    new k8s.KubeDaemonSet(chart, 'ds', { metadata: { name: 'ds' }, spec: { selector: selector('for-daemonset'), template: template('for-daemonset') } });
    new k8s.KubeCronJob(chart, 'cron', { metadata: { name: 'cron' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: template('for-cronjob') } } } });
    // Outside a pod spec the same key is not read, as policy K8S-ESO-001 reads only pod specs too.
    new ApiObject(chart, 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { secretRef: { name: 'not-read' } } });
    expect(secretReferences(chart).map((reference) => [reference.name, reference.readers])).toEqual([
      ['for-cronjob', ['CronJob/cron']],
      ['for-daemonset', ['DaemonSet/ds']],
      ['for-statefulset', ['StatefulSet/sts']],
    ]);
  });
});

describe('ExternalSecrets', () => {
  const production = manifestsOf(productionEnvironment());

  it('writes every Secret the environment reads, with every key it reads, and nothing else', () => {
    // Read straight from the rendered objects, independently of secretReferences.
    const read = new Map<string, Set<string>>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'secretKeyRef') {
          const { name, key: secretKey } = value as { name: string; key: string };
          read.set(name, (read.get(name) ?? new Set()).add(secretKey));
        }
        visit(value);
      }
    };
    production.filter((m) => m.kind !== 'ExternalSecret').forEach(visit);
    const written = new Map(externalSecrets(production).map((es) => [es.spec.target.name, new Set<string>(es.spec.data.map((d: { secretKey: string }) => d.secretKey))]));
    expect([...written.keys()].sort()).toEqual([...read.keys()].sort());
    for (const [name, keys] of read) expect([...written.get(name)!].sort()).toEqual([...keys].sort());
  });

  it('reads each key from the vault under the configured prefix, or the key configured for the Secret', () => {
    const environment = productionEnvironment();
    environment.secretStore = { ...environment.secretStore!, remoteKeys: { 'api-database': 'databases/video/api' } };
    const secrets = externalSecrets(manifestsOf(environment));
    const remoteKeysOf = (name: string) => [...new Set(secrets.find((es) => es.metadata.name === name)!.spec.data.map((d: any) => d.remoteRef.key))];
    expect(remoteKeysOf('api-database')).toEqual(['databases/video/api']);
    expect(remoteKeysOf('worker-database')).toEqual(['video-platform/production/worker-database']);
    const first = secrets[0].spec;
    expect(first.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'vault' });
    expect(first.refreshInterval).toBe('1h');
    expect(first.target).toMatchObject({ creationPolicy: 'Owner', deletionPolicy: 'Retain' });
  });

  it('makes the migration’s Secret a PreSync hook, so it exists before the migration runs', () => {
    const byName = new Map(externalSecrets(production).map((es) => [es.metadata.name, es.metadata.annotations ?? {}]));
    expect(byName.get('migrations-database')).toMatchObject({ 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    expect(byName.get('api-database')!['argocd.argoproj.io/hook']).toBeUndefined();
  });

  it('refuses a Secret shared by the PreSync migration and the workloads, naming both', () => {
    const environment = productionEnvironment();
    environment.migrations!.secretEnv = { DATABASE_URL: { secret: 'api-database', key: 'url' } };
    expect(() => manifestsOf(environment)).toThrow(/Secret "api-database" is read by .*Deployment\/api-blue.*Job\/db-migrate.*give it its own Secret/);
  });

  it('writes none where no secret store is configured', () => {
    const environment = productionEnvironment();
    delete environment.secretStore;
    expect(externalSecrets(manifestsOf(environment))).toEqual([]);
  });

  it('extracts a Secret read whole', () => {
    const chart = Testing.chart();
    new ExternalSecrets(chart, 'es', {
      environment: productionEnvironment(),
      secretStore: { name: 'vault', kind: 'SecretStore', refreshInterval: '15m', remoteKeyPrefix: 'p/', remoteKeys: {} },
      references: [{ name: 'env', keys: [], wholeSecret: true, readers: ['Deployment/x'], hookPhases: [], readByNonHook: true }],
    });
    const [secret] = Testing.synth(chart);
    expect(secret.spec.dataFrom).toEqual([{ extract: { key: 'p/env' } }]);
    expect(secret.spec.data).toBeUndefined();
    expect(secret.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'vault' });
  });
});
