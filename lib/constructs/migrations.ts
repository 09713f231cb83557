import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { EnvironmentConfig, MigrationsConfig } from '../config';
import { imageTag, recommendedLabels, selectorLabels, type LabelIdentity } from './labels';
import { egressRule } from './network-policies';
import { containerSecurityContext, podSecurityContext, scratchVolume } from './security';

/** Name of the migration Job, its ServiceAccount and its pods' `app.kubernetes.io/name`. */
export const migrationName = 'db-migrate';

/** Argo CD's hook annotations: run before the sync's workloads, and replace the previous run's objects. */
export const preSyncHook = {
  'argocd.argoproj.io/hook': 'PreSync',
  'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
} as const;

/** Applying migrations is a short database client session; the limits bound a runaway one. */
const migrationResources = {
  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
  limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('512Mi') },
};

/** Props of {@link DatabaseMigration}. */
export interface DatabaseMigrationProps {
  /** The environment whose database is migrated; `migrations` must be set. */
  readonly environment: EnvironmentConfig & { migrations: MigrationsConfig };
}

/**
 * The database migration, run by Argo CD as a PreSync hook: on every sync, before any workload of
 * the new version is applied, the `db-migrate` Job runs `migrations.command`; if it fails (after
 * `backoffLimit` retries, or at `activeDeadlineSeconds`) the sync stops, so no new version ever runs
 * against an old schema. Its ServiceAccount and its egress NetworkPolicy are PreSync hooks too, one
 * sync wave earlier, so they exist before the Job even on a first sync into an empty namespace.
 *
 * The pod has the platform's restricted security settings, no Kubernetes API token, credentials
 * only from Secret references, and may reach PostgreSQL alone (DNS comes from `allow-dns`).
 */
export class DatabaseMigration extends Construct {
  constructor(scope: Construct, id: string, props: DatabaseMigrationProps) {
    super(scope, id);
    const { environment } = props;
    const { migrations } = environment;
    const identity: LabelIdentity = { name: migrationName, component: 'migration', partOf: environment.partOf, environment: environment.name };
    const labels = recommendedLabels(identity);
    const podLabels = recommendedLabels({ ...identity, version: imageTag(migrations.image) });
    const hook = (name: string) => ({ name, labels, annotations: { ...preSyncHook } });

    new k8s.KubeServiceAccount(this, 'service-account', { metadata: hook(migrationName), automountServiceAccountToken: false });
    new k8s.KubeNetworkPolicy(this, 'egress', {
      metadata: hook(`allow-${migrationName}-egress`),
      spec: { podSelector: { matchLabels: selectorLabels(identity) }, policyTypes: ['Egress'], egress: [egressRule('postgres', environment)] },
    });
    new k8s.KubeJob(this, 'job', {
      metadata: hook(migrationName),
      spec: {
        backoffLimit: migrations.backoffLimit,
        activeDeadlineSeconds: migrations.activeDeadlineSeconds,
        template: { metadata: { labels: podLabels }, spec: podSpec(migrations) },
      },
    });
  }
}

function podSpec(migrations: MigrationsConfig): k8s.PodSpec {
  const plain = Object.entries(migrations.env).map(([name, value]) => ({ name, value }));
  const secret = Object.entries(migrations.secretEnv).map(([name, ref]) => ({ name, valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } } }));
  return {
    serviceAccountName: migrationName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    // Never: each retry is a new pod whose logs survive for the post-mortem.
    restartPolicy: 'Never',
    securityContext: podSecurityContext(),
    volumes: [{ name: scratchVolume.name, emptyDir: {} }],
    containers: [
      {
        name: migrationName,
        image: migrations.image,
        imagePullPolicy: 'IfNotPresent',
        command: [...migrations.command],
        env: [...plain, ...secret, { name: 'HOME', value: scratchVolume.mountPath }].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        resources: migrationResources,
        securityContext: containerSecurityContext(),
        volumeMounts: [{ name: scratchVolume.name, mountPath: scratchVolume.mountPath }],
      },
    ],
  };
}
