import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { generatedObjects, type GeneratedObject } from '../generated-objects';
import { findTool } from '../tools';
import { run, type CommandResult } from './processes';
import { backupTools } from './services';

/** Secret name → key → value: what the cluster would hold for the secretKeyRefs. */
export type Secrets = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** One backup CronJob as synthesized for dist/, ready to run here as its pod would run in the cluster. */
export interface BackupJob {
  readonly name: string;
  /** The container's command, with the ConfigMap's mount path pointing at `scriptsFolder`. */
  readonly command: readonly string[];
  /** The container's environment: plain values as written, secretKeyRefs still unresolved. */
  readonly env: readonly { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
}

/**
 * Writes the scripts of the ConfigMap the CronJob `cronJobName` of `dist/<environment>/` mounts into
 * `scriptsFolder` (as the kubelet mounts them) and returns the CronJob, its command pointing there.
 */
export function backupJobFromDist(environment: string, cronJobName: string, scriptsFolder: string): BackupJob {
  const objects = generatedObjects(environment);
  const cronJob = find(objects, 'CronJob', cronJobName, environment);
  const pod = cronJob.spec.jobTemplate.spec.template.spec;
  const [container] = pod.containers;
  const scriptsVolume = pod.volumes.find((volume: { configMap?: unknown }) => volume.configMap);
  const mount = container.volumeMounts.find((volumeMount: { name: string }) => volumeMount.name === scriptsVolume.name);
  const configMap = find(objects, 'ConfigMap', scriptsVolume.configMap.name, environment);
  mkdirSync(scriptsFolder, { recursive: true });
  for (const [file, text] of Object.entries<string>(configMap.data)) writeFileSync(join(scriptsFolder, file), text, { mode: 0o444 });
  const command = (container.command as string[]).map((part) => (part.startsWith(`${mount.mountPath}/`) ? join(scriptsFolder, part.slice(mount.mountPath.length + 1)) : part));
  return { name: cronJobName, command, env: container.env };
}

function find(objects: readonly GeneratedObject[], kind: string, name: string, environment: string): GeneratedObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`dist/${environment}: no ${kind} named ${name}`);
  return found;
}

/**
 * The container's environment as the kubelet would give it: values as written, secretKeyRefs read
 * from `secrets`, then `overrides` for what differs here (cluster DNS names and the store's URL
 * point to the servers on 127.0.0.1; the scratch folder is a temp folder).
 */
export function resolveEnvironment(job: BackupJob, secrets: Secrets, overrides: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of job.env) {
    if (variable.valueFrom) {
      const { name, key } = variable.valueFrom.secretKeyRef;
      const value = secrets[name]?.[key];
      if (value === undefined) throw new Error(`${job.name}: ${variable.name} reads key ${key} of Secret ${name}, which the test does not provide`);
      env[variable.name] = value;
    } else env[variable.name] = variable.value ?? '';
  }
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(env, name)) throw new Error(`${job.name}: overriding ${name}, which the CronJob does not set`);
    env[name] = overrides[name];
  }
  return env;
}

/**
 * Runs the job's command with exactly `env`, plus a PATH holding the tools its image brings
 * (pg_dump, redis-cli, Debian's aws CLI v2, then /usr/bin and /bin for sh, gzip, awk and date).
 */
export function runBackupJob(job: BackupJob, env: Readonly<Record<string, string>>): Promise<CommandResult> {
  const toolFolders = [backupTools.pgDump, backupTools.redisCli, backupTools.aws].map((tool) => dirname(findTool(tool)!));
  const path = [...new Set([...toolFolders, '/usr/bin', '/bin'])].join(delimiter);
  const [command, ...args] = job.command;
  return run(command, args, { env: { ...env, PATH: path }, timeoutMs: 60_000 });
}
