import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { BackupJobs, backupScriptFiles } from '../../lib/constructs/backup';
import { find, namesOf, synthesize, type Manifest } from './fixtures';

const load = (name: string): EnvironmentConfig => loadEnvironment(join(__dirname, '../../environments', `${name}.yaml`));
const build = (environment: EnvironmentConfig) => synthesize((chart) => new BackupJobs(chart, 'backup', { environment }));
const scriptDir = join(__dirname, '../../lib/constructs/backup');

const podSpecOf = (cronJob: Manifest) => cronJob.spec.jobTemplate.spec.template.spec;

describe('BackupJobs', () => {
  const environment = load('production');
  const manifests = build(environment);
  const cronJobs = ['backup-postgres', 'backup-redis'].map((name) => find(manifests, 'CronJob', name));

  it('writes two CronJobs, the scripts ConfigMap and a token-less ServiceAccount', () => {
    expect(namesOf(manifests, 'CronJob')).toEqual(['backup-postgres', 'backup-redis']);
    expect(namesOf(manifests, 'ConfigMap')).toEqual(['backup-scripts']);
    expect(find(manifests, 'ServiceAccount', 'backup').automountServiceAccountToken).toBe(false);
  });

  it('runs nightly at 02:00 UTC, never twice at once, within deadlines', () => {
    for (const cronJob of cronJobs) {
      expect(cronJob.spec).toMatchObject({
        schedule: '0 2 * * *',
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
      });
      expect(cronJob.spec.jobTemplate.spec.backoffLimit).toBe(2);
      expect(cronJob.spec.jobTemplate.spec.activeDeadlineSeconds).toBeGreaterThan(0);
      expect(podSpecOf(cronJob).restartPolicy).toBe('Never');
    }
  });

  it('takes the schedule, time zone and retention from environment.backup', () => {
    const changed = load('staging');
    changed.backup = { ...changed.backup, schedule: '30 3 * * 0', timeZone: 'Europe/Berlin', retentionDays: 7 };
    const cronJob = find(build(changed), 'CronJob', 'backup-redis');
    expect(cronJob.spec.schedule).toBe('30 3 * * 0');
    expect(cronJob.spec.timeZone).toBe('Europe/Berlin');
    expect(podSpecOf(cronJob).containers[0].env).toContainEqual({ name: 'RETENTION_DAYS', value: '7' });
  });

  it('runs with the platform\'s secure pod defaults and bounded resources', () => {
    for (const cronJob of cronJobs) {
      const pod = podSpecOf(cronJob);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.serviceAccountName).toBe('backup');
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      const [container] = pod.containers;
      expect(container.image).toBe(environment.backup.image);
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources.requests).toEqual({ cpu: '100m', memory: '256Mi' });
      expect(container.resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
      expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: {} });
    }
  });

  it('labels the pods as the backup, with the image version, so network policies select them', () => {
    const labels = cronJobs[0].spec.jobTemplate.spec.template.metadata.labels;
    expect(labels).toMatchObject({
      'app.kubernetes.io/name': 'backup',
      'app.kubernetes.io/instance': 'backup-production',
      'app.kubernetes.io/component': 'backup',
      'app.kubernetes.io/version': '2.3.0',
      environment: 'production',
    });
  });

  it('reads credentials only from the configured Secrets, by reference', () => {
    const changed = load('production');
    changed.backup = { ...changed.backup, storageCredentialsSecret: 's3-keys', postgresCredentialsSecret: 'pg-keys', redisCredentialsSecret: 'redis-keys' };
    const secretsOf = (name: string) =>
      podSpecOf(find(build(changed), 'CronJob', name))
        .containers[0].env.filter((variable: { valueFrom?: unknown }) => variable.valueFrom)
        .map((variable: { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }) => `${variable.name}=${variable.valueFrom.secretKeyRef.name}/${variable.valueFrom.secretKeyRef.key}`);
    expect(secretsOf('backup-postgres')).toEqual([
      'AWS_ACCESS_KEY_ID=s3-keys/AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY=s3-keys/AWS_SECRET_ACCESS_KEY',
      'PGDATABASE=pg-keys/PGDATABASE',
      'PGPASSWORD=pg-keys/PGPASSWORD',
      'PGUSER=pg-keys/PGUSER',
    ]);
    expect(secretsOf('backup-redis')).toEqual([
      'AWS_ACCESS_KEY_ID=s3-keys/AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY=s3-keys/AWS_SECRET_ACCESS_KEY',
      'REDISCLI_AUTH=redis-keys/REDISCLI_AUTH',
    ]);
  });

  it('writes no literal value for any credential-like variable', () => {
    for (const cronJob of cronJobs) {
      const literal = podSpecOf(cronJob)
        .containers[0].env.filter((variable: { name: string; value?: string }) => /PASS|SECRET|KEY|AUTH|TOKEN|USER/.test(variable.name) && variable.value !== undefined)
        .map((variable: { name: string }) => variable.name);
      expect(literal).toEqual([]);
    }
  });

  it('passes the backends and the bucket as plain settings', () => {
    const env = (name: string) => Object.fromEntries(podSpecOf(find(manifests, 'CronJob', name)).containers[0].env.filter((v: { value?: string }) => v.value !== undefined).map((v: { name: string; value: string }) => [v.name, v.value]));
    expect(env('backup-postgres')).toMatchObject({ PGHOST: 'postgres.database.svc.cluster.local', PGPORT: '5432', BUCKET: 'video-app-backups-production', S3_ENDPOINT: 'https://s3.example.com', RETENTION_DAYS: '30', BACKUP_PREFIX: 'postgres' });
    expect(env('backup-redis')).toMatchObject({ REDIS_HOST: 'redis.database.svc.cluster.local', REDIS_PORT: '6379', BACKUP_PREFIX: 'redis' });
  });

  it('refuses a service named "backup", whose pods would pass for the backups\'', () => {
    const clash = load('development');
    clash.services.backup = clash.services.web;
    expect(() => build(clash)).toThrow('services.backup: the name "backup" is reserved for the backup CronJobs of environment "development"; rename the service');
  });

  it('embeds the scripts in the ConfigMap and runs them from a read-only mount with sh', () => {
    const configMap = find(manifests, 'ConfigMap', 'backup-scripts');
    expect(Object.keys(configMap.data).sort()).toEqual([...backupScriptFiles].sort());
    for (const file of backupScriptFiles) expect(configMap.data[file]).toBe(readFileSync(join(scriptDir, file), 'utf8'));
    for (const [cronJob, target] of [[cronJobs[0], 'postgres'], [cronJobs[1], 'redis']] as const) {
      const pod = podSpecOf(cronJob);
      expect(pod.containers[0].command).toEqual(['sh', `/scripts/backup-${target}.sh`]);
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'scripts', mountPath: '/scripts', readOnly: true });
      expect(pod.volumes).toContainEqual({ name: 'scripts', configMap: { name: 'backup-scripts', defaultMode: 0o444 } });
    }
  });
});

describe('backup scripts', () => {
  const syntaxCheck = (file: string) => spawnSync('sh', ['-n', file], { encoding: 'utf8' });

  it.each([...backupScriptFiles])('%s passes the POSIX shell syntax check and sets -eu', (file) => {
    const result = syntaxCheck(join(scriptDir, file));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    if (file !== 'backup-lib.sh') expect(readFileSync(join(scriptDir, file), 'utf8')).toMatch(/^set -eu$/m);
  });

  it('the syntax check rejects a broken script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-syntax-'));
    try {
      writeFileSync(join(dir, 'broken.sh'), 'if [ -n "$x" ]; then\n  echo x\n');
      expect(syntaxCheck(join(dir, 'broken.sh')).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * Runs a script with stand-ins for pg_dump, redis-cli and aws on PATH: the aws stand-in logs its
   * arguments, keeps a copy of what it uploads, and lists an archive from 2020, one from 2099 and a
   * foreign file.
   */
  function runScript(script: string, env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'backup-run-'));
    const bin = join(dir, 'bin');
    const work = join(dir, 'work');
    const log = join(dir, 'aws.log');
    const uploaded = join(dir, 'uploaded');
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    mkdirSync(bin);
    mkdirSync(work);
    stub('pg_dump', 'echo "-- dump of $PGDATABASE"\nexit "${PG_DUMP_EXIT:-0}"');
    stub('redis-cli', 'while [ "$#" -gt 0 ]; do [ "$1" = --rdb ] && printf "REDIS0011" >"$2"; shift; done');
    stub(
      'aws',
      `echo "$*" >>"${log}"\ncase "$*" in *" s3 cp "*) cp "$6" "${uploaded}" ;; *" s3 ls "*) printf '%s\\n' '                           PRE nested/' '2020-01-01 02:00:00 10 app-20200101T020000Z.sql.gz' '2099-01-01 02:00:00 10 app-20990101T020000Z.sql.gz' '2020-01-01 02:00:00 10 notes.txt' ;; esac`,
    );
    try {
      const result = spawnSync('sh', [join(scriptDir, script)], {
        encoding: 'utf8',
        env: { PATH: `${bin}:${process.env.PATH}`, WORK_DIR: work, BUCKET: 'backups', S3_ENDPOINT: 'https://s3.example.com', RETENTION_DAYS: '30', ...env },
      });
      const calls = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
      const upload = existsSync(uploaded) ? gunzipSync(readFileSync(uploaded)).toString('utf8') : undefined;
      return { status: result.status, stderr: result.stderr, calls, upload, leftovers: readdirSync(work) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const postgres = { PGHOST: 'db', PGPORT: '5432', PGUSER: 'backup', PGDATABASE: 'app' };

  it('backup-postgres.sh uploads a gzip dump, then deletes only the archives past retention', () => {
    const run = runScript('backup-postgres.sh', postgres);
    expect(run.stderr).toContain('backup of app complete');
    expect(run.status).toBe(0);
    expect(run.calls).toHaveLength(3);
    expect(run.calls[0]).toMatch(/^--endpoint-url https:\/\/s3\.example\.com s3 cp --only-show-errors \S+\/app-[0-9]{8}T[0-9]{6}Z\.sql\.gz s3:\/\/backups\/postgres\/app-[0-9]{8}T[0-9]{6}Z\.sql\.gz$/);
    expect(run.calls[1]).toBe('--endpoint-url https://s3.example.com s3 ls s3://backups/postgres/');
    expect(run.calls[2]).toBe('--endpoint-url https://s3.example.com s3 rm --only-show-errors s3://backups/postgres/app-20200101T020000Z.sql.gz');
    expect(run.upload).toBe('-- dump of app\n');
    expect(run.leftovers).toEqual([]);
  });

  it('backup-postgres.sh uploads nothing when pg_dump fails', () => {
    const run = runScript('backup-postgres.sh', { ...postgres, PG_DUMP_EXIT: '3' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('pg_dump exited with status 3');
    expect(run.calls).toEqual([]);
  });

  it('backup-postgres.sh names every missing setting before doing anything', () => {
    const run = runScript('backup-postgres.sh', { PGHOST: 'db' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('missing environment variables: PGPORT PGUSER PGDATABASE');
    expect(run.calls).toEqual([]);
  });

  it('refuses a retention that is not a whole number of days', () => {
    const run = runScript('backup-postgres.sh', { ...postgres, RETENTION_DAYS: '30d' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("RETENTION_DAYS must be a whole number of days, got '30d'");
  });

  it('backup-redis.sh uploads a gzip RDB snapshot under redis/ and applies retention', () => {
    const run = runScript('backup-redis.sh', { REDIS_HOST: 'redis', REDIS_PORT: '6379' });
    expect(run.stderr).toContain('backup of redis complete');
    expect(run.status).toBe(0);
    expect(run.upload).toBe('REDIS0011');
    expect(run.calls[0]).toMatch(/ s3 cp --only-show-errors \S+\/redis-[0-9]{8}T[0-9]{6}Z\.rdb\.gz s3:\/\/backups\/redis\/redis-[0-9]{8}T[0-9]{6}Z\.rdb\.gz$/);
    expect(run.calls.slice(1)).toEqual([
      '--endpoint-url https://s3.example.com s3 ls s3://backups/redis/',
      '--endpoint-url https://s3.example.com s3 rm --only-show-errors s3://backups/redis/app-20200101T020000Z.sql.gz',
    ]);
  });
});
