import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseManifest } from '../manifest';
import { identityKey, identityOf, type ResourceIdentity } from './identity';

/** One Kubernetes object of a dist/ snapshot. */
export interface Resource {
  /** The top-level folder of dist/ it was read from. */
  readonly environment: string;
  /** Its file, relative to dist/ (`production/deployment.apps_api.yaml`). */
  readonly file: string;
  readonly identity: ResourceIdentity;
  /** The parsed document. */
  readonly object: unknown;
}

/** The resources of a dist/ folder at one point in time, grouped by environment. */
export interface Snapshot {
  /** What the snapshot is of, for reports: `HEAD (1a2b3c4)`, `working tree`. */
  readonly label: string;
  /** Environment → its resources sorted by identity; environments sorted by name. */
  readonly environments: ReadonlyMap<string, readonly Resource[]>;
}

/** dist/ files directly under the root (not in an environment folder) are grouped under this name. */
export const TOP_LEVEL = '.';

/** A snapshot that cannot be read as Kubernetes resources; the message says where and why. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** True for the file names a snapshot reads (YAML and JSON manifests). */
export function isManifestFile(path: string): boolean {
  return MANIFEST_EXTENSIONS.has(extname(path).toLowerCase());
}

/**
 * Builds a snapshot from file texts keyed by their path relative to dist/ (`/` separated). Empty
 * documents are skipped; a document that is not a Kubernetes object (no apiVersion, kind or
 * metadata.name) is identified by its file and position, so it is compared only with itself.
 * @throws SnapshotError for YAML that does not parse or two documents with one identity.
 */
export function snapshotFromFiles(label: string, files: ReadonlyMap<string, string>, displayRoot = 'dist'): Snapshot {
  const byEnvironment = new Map<string, Map<string, Resource>>();
  for (const file of [...files.keys()].sort()) {
    const slash = file.indexOf('/');
    const environment = slash === -1 ? TOP_LEVEL : file.slice(0, slash);
    const resources = byEnvironment.get(environment) ?? new Map<string, Resource>();
    byEnvironment.set(environment, resources);
    for (const document of parseManifest(files.get(file) as string, `${displayRoot}/${file}`)) {
      if (document.error !== undefined) {
        throw new SnapshotError(
          `${label}: ${document.file}:${document.error.line}:${document.error.column}: ${document.error.message}; fix the file (or re-run npm run synth)`,
        );
      }
      if (document.empty) continue;
      const identity = identityOf(document.object) ?? anonymousIdentity(document.object, file, document.index);
      const key = identityKey(identity);
      const earlier = resources.get(key);
      if (earlier !== undefined) {
        throw new SnapshotError(
          `${label}: ${displayRoot}/${file}:${document.line}: ${identity.kind} ${identity.name} is also defined in ${displayRoot}/${earlier.file}; ` +
            'an environment may hold each resource once',
        );
      }
      resources.set(key, { environment, file, identity, object: document.object });
    }
  }
  const environments = new Map<string, Resource[]>();
  for (const name of [...byEnvironment.keys()].sort()) {
    const resources = byEnvironment.get(name) as Map<string, Resource>;
    const sortedKeys = [...resources.keys()].sort();
    environments.set(name, sortedKeys.map((key) => resources.get(key) as Resource));
  }
  return { label, environments };
}

/** Reads every manifest under `distDir` on disk; a missing folder is an empty snapshot. */
export function readFolderSnapshot(distDir: string, label = 'working tree'): Snapshot {
  const files = new Map<string, string>();
  if (exists(distDir)) collect(distDir, '', files);
  return snapshotFromFiles(label, files, distDir.replace(/\/+$/, ''));
}

function collect(root: string, relative: string, files: Map<string, string>): void {
  for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) collect(root, path, files);
    else if (entry.isFile() && isManifestFile(entry.name)) files.set(path, readFileSync(join(root, path), 'utf8'));
  }
}

function anonymousIdentity(object: unknown, file: string, index: number): ResourceIdentity {
  const kind = typeof (object as { kind?: unknown } | null)?.kind === 'string' ? (object as { kind: string }).kind : '(document)';
  return { group: '', kind, namespace: '', name: `${file}#${index}` };
}

function exists(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
