/**
 * What a run checks, and with which `data.environment`: by default every folder of `dist/`, each
 * with the environment of its name (`environments/<env>.yaml`); or the paths given, with `--env`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment } from '../config';
import type { ManifestDocument, ManifestSet } from '../manifest';
import { InputError, inputFile, readInputs, type InputFile, type ReadOptions } from './inputs';
import type { CheckTarget } from './runner';

/** Where to find inputs and environments. */
export interface TargetOptions {
  /** Files and folders to check; empty means every folder of `distDir`. */
  readonly paths: readonly string[];
  /** How to read the inputs (`--parser`, `--ignore`). */
  readonly read?: ReadOptions;
  /** The environment of the given paths (`--env`); by default the one whose `dist/<env>/` holds them. */
  readonly environment?: string;
  /** @default 'dist' */
  readonly distDir?: string;
  /** @default 'environments' */
  readonly environmentsDir?: string;
  /** Data from `-d`, merged under every target's `data`. */
  readonly data?: Record<string, unknown>;
  /** conftest's name for the combined result (`Combined`), instead of the target's folder. */
  readonly conftestCombinedName?: boolean;
}

/** The targets of a run: one per `dist/` folder, or one of the given paths. */
export function resolveTargets(options: TargetOptions): CheckTarget[] {
  const distDir = options.distDir ?? 'dist';
  const environmentsDir = options.environmentsDir ?? 'environments';
  const userData = options.data ?? {};
  const dataFor = (environment: string | undefined): Record<string, unknown> =>
    environment === undefined || userData.environment !== undefined
      ? userData
      : { ...userData, environment: loadEnvironment(environmentFile(environmentsDir, environment)) };

  // conftest ignores an empty path argument (a shell variable that expanded to nothing).
  const paths = options.paths.filter((given) => given !== '');
  if (paths.length > 0) {
    const environment = options.environment ?? inferEnvironment(paths, distDir, environmentsDir);
    const label = options.conftestCombinedName || paths.length !== 1 ? 'Combined' : paths[0];
    return [{ label, files: readInputs(paths, options.read), data: dataFor(environment) }];
  }
  if (options.paths.length > 0) throw new InputError('no files found; the paths given are empty: pass YAML or JSON files or folders');
  if (!fs.existsSync(distDir)) throw new InputError(`${distDir}: no such folder; run \`npm run synth\` first or pass files to check`);
  return fs
    .readdirSync(distDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const folder = path.join(distDir, name);
      const environment = options.environment ?? (isEnvironment(environmentsDir, name) ? name : undefined);
      return { label: options.conftestCombinedName ? 'Combined' : folder, files: readInputs([folder], options.read), data: dataFor(environment) };
    });
}

/**
 * The targets of the default run over manifests already parsed and named as files under `distDir`
 * (the gate's fresh synthesis, never written): one per folder, with `data.environment` from
 * `environments` (configurations by name) when the folder is an environment, as resolveTargets does.
 */
export function documentTargets(distDir: string, manifests: ManifestSet, environments: ReadonlyMap<string, unknown>): CheckTarget[] {
  const documents = new Map<string, ManifestDocument[]>(manifests.files.map((file) => [file, []]));
  for (const document of manifests.documents) documents.get(document.file)?.push(document);
  const folders = new Map<string, InputFile[]>();
  for (const [file, parsed] of documents) {
    const parts = path.relative(distDir, file).split(path.sep);
    // Like a run over dist/, which checks its folders only.
    if (parts.length < 2 || parts[0] === '..') continue;
    let files = folders.get(parts[0]);
    if (!files) folders.set(parts[0], (files = []));
    files.push(inputFile(file, parsed));
  }
  return [...folders.keys()].sort().map((name) => ({
    label: path.join(distDir, name),
    files: folders.get(name)!,
    data: environments.has(name) ? { environment: environments.get(name) } : {},
  }));
}

function environmentFile(environmentsDir: string, name: string): string {
  const file = path.join(environmentsDir, `${name}.yaml`);
  if (!fs.existsSync(file)) throw new InputError(`--env ${name}: ${file} does not exist; name an environment of ${environmentsDir}/`);
  return file;
}

function isEnvironment(environmentsDir: string, name: string): boolean {
  return fs.existsSync(path.join(environmentsDir, `${name}.yaml`));
}

/** The environment whose `dist/<env>/` folder holds every given path, if there is one. */
function inferEnvironment(paths: readonly string[], distDir: string, environmentsDir: string): string | undefined {
  const names = new Set(
    paths.map((given) => {
      const relative = path.relative(distDir, given);
      return relative.startsWith('..') || path.isAbsolute(relative) ? '' : relative.split(path.sep)[0];
    }),
  );
  if (names.size !== 1) return undefined;
  const [name] = names;
  return name !== '' && isEnvironment(environmentsDir, name) ? name : undefined;
}
