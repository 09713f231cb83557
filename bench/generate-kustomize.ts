import { compare, type Operation } from 'fast-json-patch';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { objectIdentity, parseObjects, type KubeObject } from './objects';

/** A rendered tree as lib/synth produces it: `<folder>/<file>.yaml` → one YAML object. */
export type ManifestTree = ReadonlyMap<string, string>;

/** An environment folder of the tree and the namespace its chart renders into. */
export interface TreeEnvironment {
  name: string;
  namespace: string;
}

/** What {@link generateKustomize} wrote, for the report and for running kustomize. */
export interface KustomizeLayout {
  /** Kustomization directories to render, one per folder of the tree, by folder name. */
  targets: Map<string, string>;
  bases: number;
  /** Objects present in an environment and the base, changed by a JSON 6902 patch. */
  patchedObjects: number;
  /** Objects present in an environment only, added by its overlay. */
  addedObjects: number;
  /** Base objects an environment lacks, removed with a `$patch: delete`. */
  deletedObjects: number;
}

/** Label that names the service (or platform-wide concern) an object belongs to; it picks the base. */
const ownerLabel = 'app.kubernetes.io/name';

/**
 * Writes under `root` the kustomize tree a team would keep by hand for the same platform:
 * `base/<owner>/` per service (and per platform-wide concern), built from the objects of the first
 * environment; `overlays/<env>/<owner>/` per environment and owner, whose JSON 6902 patches turn the
 * base into that environment's objects (namespace, labels, replicas, resources, images…); and
 * `standalone/<folder>/` for folders that are not environments (dist/argocd). `kubectl kustomize`
 * on each target must reproduce the tree's folder exactly: the benchmark checks that before timing.
 */
export function generateKustomize(tree: ManifestTree, environments: readonly TreeEnvironment[], root: string): KustomizeLayout {
  const folders = groupByFolder(tree);
  const environmentNames = new Set(environments.map((environment) => environment.name));
  const [baseEnvironment] = [...environments].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (baseEnvironment === undefined || !folders.has(baseEnvironment.name)) {
    throw new Error(`generateKustomize: the tree has no folder for the base environment ${baseEnvironment?.name ?? '(none)'}`);
  }
  const layout: KustomizeLayout = { targets: new Map(), bases: 0, patchedObjects: 0, addedObjects: 0, deletedObjects: 0 };

  const baseObjects = folders.get(baseEnvironment.name)!;
  const baseByOwner = groupBy(baseObjects, (entry) => owner(entry.object));
  for (const [ownerName, entries] of baseByOwner) {
    writeKustomization(join(root, 'base', ownerName), entries.map((entry) => writeResource(join(root, 'base', ownerName), entry)), []);
  }
  layout.bases = baseByOwner.size;

  for (const [folder, entries] of [...folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!environmentNames.has(folder)) {
      const dir = join(root, 'standalone', folder);
      writeKustomization(dir, entries.map((entry) => writeResource(dir, entry)), []);
      layout.targets.set(folder, dir);
      continue;
    }
    const environment = environments.find((candidate) => candidate.name === folder)!;
    const overlay = join(root, 'overlays', folder);
    const owners = new Set([...baseByOwner.keys(), ...entries.map((entry) => owner(entry.object))]);
    const ownerDirs: string[] = [];
    for (const ownerName of [...owners].sort()) {
      const dir = join(overlay, ownerName);
      const base = baseByOwner.get(ownerName) ?? [];
      const mine = entries.filter((entry) => owner(entry.object) === ownerName);
      const overlayFor = buildOverlay(base, mine, baseEnvironment.namespace, environment.namespace);
      layout.patchedObjects += overlayFor.patches.filter((patch) => !patch.deletes).length;
      layout.deletedObjects += overlayFor.patches.filter((patch) => patch.deletes).length;
      layout.addedObjects += overlayFor.added.length;
      const resources = [
        ...(base.length > 0 ? [`../../../base/${ownerName}`] : []),
        ...overlayFor.added.map((entry) => writeResource(dir, entry)),
      ];
      writeKustomization(dir, resources, overlayFor.patches);
      ownerDirs.push(ownerName);
    }
    writeKustomization(overlay, ownerDirs, []);
    layout.targets.set(folder, overlay);
  }
  return layout;
}

interface TreeEntry {
  file: string;
  text: string;
  object: KubeObject;
}

interface OverlayPatch {
  target: Record<string, string>;
  patch: string;
  deletes: boolean;
}

function groupByFolder(tree: ManifestTree): Map<string, TreeEntry[]> {
  const entries = [...tree].map(([path, text]) => {
    const objects = parseObjects(text, path);
    if (objects.length !== 1) throw new Error(`${path}: expected one object per file, found ${objects.length}`);
    return { folder: dirname(path), entry: { file: basename(path), text, object: objects[0] } };
  });
  const folders = new Map<string, TreeEntry[]>();
  for (const { folder, entry } of entries) folders.set(folder, [...(folders.get(folder) ?? []), entry]);
  return folders;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function owner(object: KubeObject): string {
  return object.metadata.labels?.[ownerLabel] ?? 'platform';
}

/**
 * Matches base and environment objects by apiVersion/kind/name, treating each chart's own namespace
 * as the same place, and expresses the differences as patches: JSON 6902 for changed objects,
 * strategic-merge `$patch: delete` for base objects the environment lacks.
 */
function buildOverlay(
  base: readonly TreeEntry[],
  mine: readonly TreeEntry[],
  baseNamespace: string,
  namespace: string,
): { patches: OverlayPatch[]; added: TreeEntry[] } {
  const key = (object: KubeObject, chartNamespace: string) =>
    objectIdentity({ ...object, metadata: { ...object.metadata, namespace: object.metadata.namespace === chartNamespace ? '' : object.metadata.namespace } });
  const wanted = new Map(mine.map((entry) => [key(entry.object, namespace), entry]));
  const patches: OverlayPatch[] = [];
  for (const entry of base) {
    const target = patchTarget(entry.object);
    const counterpart = wanted.get(key(entry.object, baseNamespace));
    if (counterpart === undefined) {
      const { apiVersion, kind, metadata } = entry.object;
      const deletion = { $patch: 'delete', apiVersion, kind, metadata: { name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) } };
      patches.push({ target, patch: stringify(deletion), deletes: true });
      continue;
    }
    wanted.delete(key(entry.object, baseNamespace));
    const operations: Operation[] = compare(entry.object, counterpart.object);
    if (operations.length > 0) patches.push({ target, patch: JSON.stringify(operations), deletes: false });
  }
  return { patches, added: [...wanted.values()] };
}

function patchTarget(object: KubeObject): Record<string, string> {
  const slash = object.apiVersion.indexOf('/');
  return {
    ...(slash === -1 ? {} : { group: object.apiVersion.slice(0, slash) }),
    version: object.apiVersion.slice(slash + 1),
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

function writeResource(dir: string, entry: TreeEntry): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, entry.file), entry.text);
  return entry.file;
}

function writeKustomization(dir: string, resources: readonly string[], patches: readonly OverlayPatch[]): void {
  mkdirSync(dir, { recursive: true });
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...resources].sort(),
    ...(patches.length > 0 ? { patches: patches.map(({ target, patch }) => ({ target, patch })) } : {}),
  };
  writeFileSync(join(dir, 'kustomization.yaml'), stringify(kustomization, { lineWidth: 0 }));
}
