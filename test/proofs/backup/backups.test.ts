import { gunzipSync } from 'node:zlib';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTools } from '../tools';
import { backupJobFromDist, resolveEnvironment, runBackupJob, type BackupJob, type Secrets } from './backup-job';
import { BucketClient } from './object-store-client';
import { backupTools, failingUpload, fullBucket, startObjectStore, startPostgres, startRedis, startUploadRefusingProxy, type LocalObjectStore, type LocalPostgres, type LocalRedis, type UploadRefusal } from './services';

/**
 * The backup CronJobs of dist/production, run for real: their scripts from the ConfigMap, their
 * environment from the CronJob, against PostgreSQL 15, Redis and an S3-compatible store on
 * 127.0.0.1. A backup only counts once it has been restored.
 */
const environment = 'production';
const retentionDays = 30;
const day = 86_400_000;

/** The archive time stamp the scripts put in names (`20261207T020000Z`), `daysAgo` days back. */
const stamp = (daysAgo: number): string => new Date(Date.now() - daysAgo * day).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

const postgresPassword = 'backup-password';
const redisPassword = 'redis-password';

describeWithTools(Object.values(backupTools), 'backup proofs')(`backup CronJobs of dist/${environment}, restored`, () => {
  let folder: string;
  let store: LocalObjectStore;
  let postgres: LocalPostgres;
  let redis: LocalRedis;
  let bucket: BucketClient;
  let jobs: { postgres: BackupJob; redis: BackupJob };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'backup-proofs-'));
    for (const sub of ['scripts', 'store', 'postgres', 'redis']) mkdirSync(join(folder, sub));
    jobs = {
      postgres: backupJobFromDist(environment, 'backup-postgres', join(folder, 'scripts')),
      redis: backupJobFromDist(environment, 'backup-redis', join(folder, 'scripts')),
    };
    const bucketName = jobs.postgres.env.find((variable) => variable.name === 'BUCKET')!.value!;
    // PostgreSQL runs as its own account when the tests run as root; it must reach its folder.
    chmodSync(folder, 0o755);
    // Each server is recorded as soon as it is up, so that afterAll stops it even if another failed to start.
    const starting = await Promise.allSettled([
      startObjectStore(join(folder, 'store'), bucketName).then((started) => (store = started)),
      startPostgres(join(folder, 'postgres')).then((started) => (postgres = started)),
      startRedis(join(folder, 'redis'), redisPassword).then((started) => (redis = started)),
    ]);
    for (const outcome of starting) if (outcome.status === 'rejected') throw outcome.reason;
    bucket = new BucketClient(store, bucketName);
    await postgres.sql(
      'postgres',
      `CREATE ROLE backup LOGIN PASSWORD '${postgresPassword}'; GRANT pg_read_all_data TO backup; CREATE DATABASE videos;`,
    );
    await postgres.sql('videos', seedSql);
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([store?.stop(), postgres?.stop(), redis?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  beforeEach(() => bucket.empty(), 30_000);

  /** What the Secrets named by the CronJobs hold in this test. */
  // s3rver checks the access key id but not SigV4 signatures, so wrong storage credentials are an unknown key id.
  const secrets = (overrides: { storageAccessKey?: string; postgresPassword?: string; redisPassword?: string } = {}): Secrets => ({
    'backup-storage-credentials': { ...store.credentials, ...(overrides.storageAccessKey ? { AWS_ACCESS_KEY_ID: overrides.storageAccessKey } : {}) },
    'postgres-backup-credentials': { PGUSER: 'backup', PGPASSWORD: overrides.postgresPassword ?? postgresPassword, PGDATABASE: 'videos' },
    'redis-backup-credentials': { REDISCLI_AUTH: overrides.redisPassword ?? redisPassword },
  });

  /** The job's environment here: the servers on 127.0.0.1 stand in for the cluster's DNS names. */
  const localEnvironment = (target: 'postgres' | 'redis', secretValues: Secrets, endpoint = store.endpoint) => {
    const scratch = mkdtempSync(join(folder, `${target}-run-`));
    const hosts: Record<string, string> = target === 'postgres' ? { PGHOST: '127.0.0.1', PGPORT: String(postgres.port) } : { REDIS_HOST: '127.0.0.1', REDIS_PORT: String(redis.port) };
    return resolveEnvironment(jobs[target], secretValues, { ...hosts, S3_ENDPOINT: endpoint, HOME: scratch, WORK_DIR: scratch });
  };

  /** Archives already in the bucket: one past retention, one within it, and an object the scripts did not write. */
  async function seedArchives(prefix: string, name: (timestamp: string) => string): Promise<{ expired: string; kept: string; foreign: string }> {
    const names = { expired: name(stamp(retentionDays + 10)), kept: name(stamp(retentionDays - 1)), foreign: 'README.txt' };
    for (const key of Object.values(names)) await bucket.put(`${prefix}/${key}`, `archive ${key}\n`);
    return names;
  }

  describe('PostgreSQL', () => {
    const archiveName = (timestamp: string) => `videos-${timestamp}.sql.gz`;

    it(`dumps the database, deletes archives older than ${retentionDays} days, and the new archive restores every row after the database is dropped`, async () => {
      const seeded = await seedArchives('postgres', archiveName);
      const before = await postgres.sql('videos', selectVideos);

      const result = await runBackupJob(jobs.postgres, localEnvironment('postgres', secrets()));
      expect({ status: result.status, log: result.stderr }).toEqual({ status: 0, log: expect.stringContaining('backup of videos complete') });
      expect(result.stderr).toContain(`deleting s3://${bucket.bucket}/postgres/${seeded.expired} (older than ${retentionDays} days)`);

      const listing = await bucket.list('postgres');
      const created = listing.filter((key) => !Object.values(seeded).includes(key));
      expect(created).toEqual([expect.stringMatching(/^videos-\d{8}T\d{6}Z\.sql\.gz$/)]);
      expect(listing).toEqual([seeded.foreign, seeded.kept, created[0]].sort());

      const dump = gunzipSync(await bucket.download('postgres', created[0])).toString('utf8');
      await postgres.sql('postgres', 'DROP DATABASE videos; CREATE DATABASE videos;');
      expect(await postgres.sql('videos', "SELECT count(*) FROM pg_tables WHERE tablename = 'videos'")).toBe('0\n');
      await postgres.sql('videos', dump);
      expect(await postgres.sql('videos', selectVideos)).toBe(before);
      expect(before.split('\n').filter(Boolean)).toHaveLength(3);
    }, 60_000);

    it.each<[string, { secrets?: Parameters<typeof secrets>[0]; refusal?: UploadRefusal; logLine: RegExp }]>([
      ['a wrong database password', { secrets: { postgresPassword: 'wrong' }, logLine: /error: pg_dump exited with status 1/ }],
      ['an unknown storage access key', { secrets: { storageAccessKey: 'AKIAUNKNOWN' }, logLine: /error: upload of videos-\S+\.sql\.gz to s3:\/\/\S+\/postgres\/ failed/ }],
      ['a failing upload', { refusal: failingUpload, logLine: /error: upload of videos-\S+\.sql\.gz to s3:\/\/\S+\/postgres\/ failed/ }],
      ['a full bucket', { refusal: fullBucket, logLine: /error: upload of videos-\S+\.sql\.gz to s3:\/\/\S+\/postgres\/ failed/ }],
    ])('exits non-zero on %s, says why, and deletes no archive', async (_, failure) => {
      const seeded = await seedArchives('postgres', archiveName);
      const proxy = failure.refusal ? await startUploadRefusingProxy(store.endpoint, failure.refusal) : undefined;
      try {
        const result = await runBackupJob(jobs.postgres, localEnvironment('postgres', secrets(failure.secrets), proxy?.endpoint));
        expect(result.stderr).toMatch(failure.logLine);
        expect(result.status).not.toBe(0);
        expect(result.stderr).not.toContain('deleting ');
      } finally {
        await proxy?.stop();
      }
      expect(await bucket.list('postgres')).toEqual(Object.values(seeded).sort());
    }, 60_000);
  });

  describe('Redis', () => {
    const archiveName = (timestamp: string) => `redis-${timestamp}.rdb.gz`;

    it(`copies an RDB snapshot, deletes archives older than ${retentionDays} days, and a server started on the new archive holds every key`, async () => {
      await redis.cli('FLUSHALL');
      await redis.cli('SET', 'video:1:title', 'Caméra obscura');
      await redis.cli('HSET', 'session:42', 'user', 'ana', 'expires', '1700000000');
      await redis.cli('RPUSH', 'queue:transcode', 'video:1', 'video:2', 'video:3');
      const seeded = await seedArchives('redis', archiveName);

      const result = await runBackupJob(jobs.redis, localEnvironment('redis', secrets()));
      expect({ status: result.status, log: result.stderr }).toEqual({ status: 0, log: expect.stringContaining('backup of redis complete') });
      expect(result.stderr).toContain(`deleting s3://${bucket.bucket}/redis/${seeded.expired} (older than ${retentionDays} days)`);

      const listing = await bucket.list('redis');
      const created = listing.filter((key) => !Object.values(seeded).includes(key));
      expect(created).toEqual([expect.stringMatching(/^redis-\d{8}T\d{6}Z\.rdb\.gz$/)]);
      expect(listing).toEqual([seeded.foreign, seeded.kept, created[0]].sort());

      const restoreFolder = join(folder, 'redis-restored');
      mkdirSync(restoreFolder);
      writeFileSync(join(restoreFolder, 'dump.rdb'), gunzipSync(await bucket.download('redis', created[0])));
      const restored = await startRedis(restoreFolder, 'restore-password');
      try {
        expect((await restored.cli('--raw', 'KEYS', '*')).split('\n').filter(Boolean).sort()).toEqual(['queue:transcode', 'session:42', 'video:1:title']);
        expect(await restored.cli('--raw', 'GET', 'video:1:title')).toBe('Caméra obscura\n');
        expect(await restored.cli('--raw', 'HGETALL', 'session:42')).toBe('user\nana\nexpires\n1700000000\n');
        expect(await restored.cli('--raw', 'LRANGE', 'queue:transcode', '0', '-1')).toBe('video:1\nvideo:2\nvideo:3\n');
      } finally {
        await restored.stop();
      }
    }, 60_000);

    it.each<[string, { secrets?: Parameters<typeof secrets>[0]; refusal?: UploadRefusal; logLine: RegExp }]>([
      ['a wrong Redis password', { secrets: { redisPassword: 'wrong' }, logLine: /error: redis-cli --rdb exited with status \d+/ }],
      ['a full bucket', { refusal: fullBucket, logLine: /error: upload of redis-\S+\.rdb\.gz to s3:\/\/\S+\/redis\/ failed/ }],
    ])('exits non-zero on %s, says why, and deletes no archive', async (_, failure) => {
      const seeded = await seedArchives('redis', archiveName);
      const proxy = failure.refusal ? await startUploadRefusingProxy(store.endpoint, failure.refusal) : undefined;
      try {
        const result = await runBackupJob(jobs.redis, localEnvironment('redis', secrets(failure.secrets), proxy?.endpoint));
        expect(result.stderr).toMatch(failure.logLine);
        expect(result.status).not.toBe(0);
        expect(result.stderr).not.toContain('deleting ');
      } finally {
        await proxy?.stop();
      }
      expect(await bucket.list('redis')).toEqual(Object.values(seeded).sort());
    }, 60_000);
  });
});

/** Known rows, with what a dump must keep: non-ASCII text, NULL, time zones. */
const seedSql = `
CREATE TABLE videos (id integer PRIMARY KEY, title text NOT NULL, duration_seconds integer, published_at timestamptz);
INSERT INTO videos VALUES
  (1, 'Caméra obscura', 5400, '2026-11-30 20:15:00+01'),
  (2, 'It''s a draft', NULL, NULL),
  (3, 'Łódź at night', 61, '2026-12-01 06:00:00+00');
`;

const selectVideos = 'SELECT id, title, duration_seconds, published_at FROM videos ORDER BY id';
