import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupConfig, EnvironmentConfig } from '../config';
import { imageTag, recommendedLabels, type LabelIdentity } from './labels';
import { containerSecurityContext, podSecurityContext, scratchVolume } from './security';

/** The `app.kubernetes.io/name` (and component) of everything the backups run; network policies select the pods by it. */
export const backupName = 'backup';

/**
 * Throws when a service is named like the backups: its pods, ServiceAccount and network policy
 * would be the backups' own.
 */
export function assertBackupNameFree(environment: EnvironmentConfig): void {
  if (Object.hasOwn(environment.services, backupName)) {
    throw new Error(`services.${backupName}: the name "${backupName}" is reserved for the backup CronJobs of environment "${environment.name}"; rename the service`);
  }
}

/** What is backed up; each target has a CronJob `backup-<target>` running `backup-<target>.sh`. */
export const backupTargets = ['postgres', 'redis'] as const;

/** A backend that is backed up. */
export type BackupTarget = (typeof backupTargets)[number];

/** The name of a target's CronJob (its Jobs are named `<cronjob>-<scheduled minute>`). */
export function backupCronJobName(target: BackupTarget): string {
  return `${backupName}-${target}`;
}

/** Name of the ConfigMap holding the scripts, and where they are mounted. */
export const backupScripts = { configMapName: 'backup-scripts', mountPath: '/scripts' } as const;

/** The script files under lib/constructs/backup/, read at synth time. */
export const backupScriptFiles = ['backup-lib.sh', 'backup-postgres.sh', 'backup-redis.sh'] as const;

/** Requests and limits of a backup container: dumping and compressing is I/O-bound, memory stays small. */
export const backupContainerResources = {
  requests: { cpu: '100m', memory: '256Mi' },
  limits: { cpu: '1', memory: '1Gi' },
} as const;

/** How long a run may take before Kubernetes stops it, per backend. */
const activeDeadlineSeconds: Record<BackupTarget, number> = { postgres: 2 * 3600, redis: 3600 };

/** A missed run may still start this late (a controller restart, a busy node); later, it is skipped and BackupTooOld fires. */
const startingDeadlineSeconds = 3600;

/** Props of {@link BackupJobs}. */
export interface BackupJobsProps {
  /** The environment whose PostgreSQL and Redis are backed up, with `backup` settings. */
  readonly environment: EnvironmentConfig;
}

/**
 * Nightly backups of PostgreSQL and Redis to the environment's S3-compatible bucket, as two
 * CronJobs (`backup-postgres`, `backup-redis`) running the POSIX scripts of the `backup-scripts`
 * ConfigMap. Each run uploads one archive and then deletes the archives older than
 * `backup.retentionDays`, so retention is enforced even on stores without lifecycle rules.
 *
 * Credentials only come from existing Secrets, by reference:
 * - `backup.storageCredentialsSecret`: keys `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`;
 * - `backup.postgresCredentialsSecret`: keys `PGUSER`, `PGPASSWORD`, `PGDATABASE`;
 * - `backup.redisCredentialsSecret`: key `REDISCLI_AUTH`.
 */
export class BackupJobs extends Construct {
  constructor(scope: Construct, id: string, props: BackupJobsProps) {
    super(scope, id);
    const { environment } = props;
    assertBackupNameFree(environment);
    const { backup, network } = environment;
    const identity: LabelIdentity = { name: backupName, component: backupName, partOf: environment.partOf, environment: environment.name };
    const labels = recommendedLabels(identity);

    // An identity of its own (no token) so that backups never run as, or grant anything to, "default".
    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name: backupName, labels },
      automountServiceAccountToken: false,
    });

    new k8s.KubeConfigMap(this, 'scripts', {
      metadata: { name: backupScripts.configMapName, labels },
      data: Object.fromEntries(backupScriptFiles.map((file) => [file, readScript(file)])),
    });

    const storageEnv: k8s.EnvVar[] = [
      { name: 'BUCKET', value: backup.bucket },
      { name: 'S3_ENDPOINT', value: backup.endpoint },
      { name: 'RETENTION_DAYS', value: String(backup.retentionDays) },
      secretVariable('AWS_ACCESS_KEY_ID', backup.storageCredentialsSecret),
      secretVariable('AWS_SECRET_ACCESS_KEY', backup.storageCredentialsSecret),
    ];
    this.cronJob('postgres', backup, identity, [
      ...storageEnv,
      { name: 'BACKUP_PREFIX', value: 'postgres' },
      { name: 'PGHOST', value: network.postgres.host },
      { name: 'PGPORT', value: String(network.postgres.port) },
      secretVariable('PGUSER', backup.postgresCredentialsSecret),
      secretVariable('PGPASSWORD', backup.postgresCredentialsSecret),
      secretVariable('PGDATABASE', backup.postgresCredentialsSecret),
    ]);
    this.cronJob('redis', backup, identity, [
      ...storageEnv,
      { name: 'BACKUP_PREFIX', value: 'redis' },
      { name: 'REDIS_HOST', value: network.redis.host },
      { name: 'REDIS_PORT', value: String(network.redis.port) },
      secretVariable('REDISCLI_AUTH', backup.redisCredentialsSecret),
    ]);
  }

  private cronJob(target: BackupTarget, backup: BackupConfig, identity: LabelIdentity, env: k8s.EnvVar[]): void {
    const name = backupCronJobName(target);
    const labels = recommendedLabels(identity);
    // Only the pods run an image, so only they carry its version.
    const podLabels = recommendedLabels({ ...identity, version: imageTag(backup.image) });
    new k8s.KubeCronJob(this, name, {
      metadata: { name, labels },
      spec: {
        schedule: backup.schedule,
        timeZone: backup.timeZone,
        // Two dumps at once would only compete for the database and the bucket.
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds,
        successfulJobsHistoryLimit: 3,
        // Failed Jobs are kept for their logs and for the BackupJobFailed alert.
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels: podLabels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: activeDeadlineSeconds[target],
            template: { metadata: { labels: podLabels }, spec: podSpec(backup, target, env) },
          },
        },
      },
    });
  }
}

function podSpec(backup: BackupConfig, target: BackupTarget, env: k8s.EnvVar[]): k8s.PodSpec {
  return {
    serviceAccountName: backupName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    // Never: each retry is a new pod whose logs survive; backoffLimit bounds the retries.
    restartPolicy: 'Never',
    securityContext: podSecurityContext(),
    volumes: [
      { name: scratchVolume.name, emptyDir: {} },
      { name: 'scripts', configMap: { name: backupScripts.configMapName, defaultMode: 0o444 } },
    ],
    containers: [
      {
        name: backupCronJobName(target),
        image: backup.image,
        imagePullPolicy: 'IfNotPresent',
        command: ['sh', `${backupScripts.mountPath}/backup-${target}.sh`],
        // HOME on the scratch volume: the aws CLI and redis-cli may write dot-files there.
        env: [...env, { name: 'HOME', value: scratchVolume.mountPath }, { name: 'WORK_DIR', value: scratchVolume.mountPath }].sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
        ),
        resources: {
          requests: quantities(backupContainerResources.requests),
          limits: quantities(backupContainerResources.limits),
        },
        securityContext: containerSecurityContext(),
        volumeMounts: [
          { name: 'scripts', mountPath: backupScripts.mountPath, readOnly: true },
          { name: scratchVolume.name, mountPath: scratchVolume.mountPath },
        ],
      },
    ],
  };
}

/** A variable read from key `name` of Secret `secret`: the manifest names the Secret, never its value. */
function secretVariable(name: string, secret: string): k8s.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key: name } } };
}

function quantities(values: { readonly cpu: string; readonly memory: string }): Record<string, k8s.Quantity> {
  return { cpu: k8s.Quantity.fromString(values.cpu), memory: k8s.Quantity.fromString(values.memory) };
}

function readScript(file: string): string {
  return readFileSync(join(__dirname, 'backup', file), 'utf8');
}
