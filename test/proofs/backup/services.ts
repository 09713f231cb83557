import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import S3rver from 's3rver';
import { findTool, type ProofTool } from '../tools';
import { freePort, run, runOk, waitFor } from './processes';

/** PostgreSQL 15's server tools live in a versioned folder that is not on PATH. */
const postgresBin = '/usr/lib/postgresql/15/bin';

/** The tools the backup proofs run: servers, clients, and the aws CLI the scripts call. */
export const backupTools = {
  initdb: { command: 'initdb', debianPackages: 'postgresql', directories: [postgresBin] },
  pgDump: { command: 'pg_dump', debianPackages: 'postgresql', directories: [postgresBin] },
  redisServer: { command: 'redis-server', debianPackages: 'redis-server' },
  redisCli: { command: 'redis-cli', debianPackages: 'redis-server' },
  // Debian's aws CLI v2 first, ahead of any other aws on PATH.
  aws: { command: 'aws', debianPackages: 'awscli', directories: ['/usr/bin'] },
} satisfies Record<string, ProofTool>;

const tool = (which: ProofTool): string => findTool(which)!;

/** PostgreSQL refuses to run as root: as root, the server runs as this account instead. */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const name = ['postgres', 'nobody'].find((candidate) => {
    try {
      execFileSync('id', ['-u', candidate], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!name) throw new Error('running as root, but neither a "postgres" nor a "nobody" account exists to run PostgreSQL as');
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A PostgreSQL 15 server on 127.0.0.1: TCP logins need a password (scram), the admin uses the socket. */
export interface LocalPostgres {
  readonly port: number;
  /** Runs SQL as the superuser `admin` in `database`; returns psql's unaligned output. */
  sql(database: string, sql: string): Promise<string>;
  stop(): Promise<void>;
}

/** Initializes a cluster in `folder` and starts it on a free port. */
export async function startPostgres(folder: string): Promise<LocalPostgres> {
  const account = serverAccount();
  const dataDir = join(folder, 'data');
  mkdirSync(dataDir, { recursive: true });
  chmodSync(folder, 0o755);
  if (account) for (const path of [folder, dataDir]) chownSync(path, account.uid, account.gid);
  const asServer = { ...account, cwd: folder };
  const bin = dirname(tool(backupTools.initdb));
  await runOk(join(bin, 'initdb'), ['-D', dataDir, '-U', 'admin', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync'], asServer);
  const port = await freePort();
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`;
  await runOk(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(folder, 'server.log'), '-o', options, '-w', 'start'], asServer);
  return {
    port,
    sql: (database, sql) => runOk(join(bin, 'psql'), ['-h', folder, '-p', String(port), '-U', 'admin', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-f', '-'], { input: sql }),
    stop: async () => void (await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], asServer)),
  };
}

/** A Redis server on 127.0.0.1 that asks for `password`. */
export interface LocalRedis {
  readonly port: number;
  /** Runs one redis-cli command against it. */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts redis-server on a free port with its files in `folder`; when `folder` holds `dump.rdb`,
 * the server loads it (that is how an RDB backup is restored).
 */
export async function startRedis(folder: string, password: string): Promise<LocalRedis> {
  const port = await freePort();
  const server: ChildProcess = spawn(
    tool(backupTools.redisServer),
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', folder, '--dbfilename', 'dump.rdb', '--requirepass', password, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const cli = (...args: string[]) => runOk(tool(backupTools.redisCli), ['-h', '127.0.0.1', '-p', String(port), '--no-auth-warning', '-a', password, ...args]);
  try {
    await waitFor(`redis-server on port ${port}`, async () => (await cli('PING')).trim() === 'PONG');
  } catch (error) {
    server.kill('SIGKILL');
    throw error;
  }
  return {
    port,
    cli,
    stop: async () => {
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
    },
  };
}

/** An S3-compatible server (s3rver, objects stored as files under `folder`) with one bucket. */
export interface LocalObjectStore {
  readonly endpoint: string;
  /** s3rver checks request signatures against these fixed credentials. */
  readonly credentials: { readonly AWS_ACCESS_KEY_ID: string; readonly AWS_SECRET_ACCESS_KEY: string };
  stop(): Promise<void>;
}

export async function startObjectStore(folder: string, bucket: string): Promise<LocalObjectStore> {
  const port = await freePort();
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory: folder, configureBuckets: [{ name: bucket }] });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, credentials: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' }, stop: () => server.close() };
}

/** How a store answers an object upload it refuses: an S3 error response. */
export interface UploadRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** A bucket over its hard quota, as MinIO answers (s3rver has no quotas of its own). */
export const fullBucket: UploadRefusal = { status: 400, code: 'XMinioAdminBucketQuotaExceeded', message: 'Bucket quota exceeded' };

/** A store failing to write (S3's internal error; the aws CLI retries it, then gives up). */
export const failingUpload: UploadRefusal = { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' };

/**
 * A proxy in front of `endpoint` that answers every object upload with `refusal` and passes reads,
 * listings and deletions through.
 */
export async function startUploadRefusingProxy(endpoint: string, refusal: UploadRefusal): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const target = new URL(endpoint);
  const proxy: Server = createServer((incoming, answer) => {
    const [, bucket = '', key = ''] = /^\/([^/?]*)\/?([^?]*)/.exec(incoming.url ?? '') ?? [];
    if (incoming.method === 'PUT' && key !== '') {
      incoming.resume();
      incoming.on('end', () => {
        answer.writeHead(refusal.status, { 'content-type': 'application/xml' });
        answer.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message><BucketName>${bucket}</BucketName><Key>${key}</Key></Error>`);
      });
      return;
    }
    const forwarded = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (response) => {
      answer.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(answer);
    });
    forwarded.on('error', () => answer.destroy());
    incoming.pipe(forwarded);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => proxy.close(() => resolve())) };
}
