/**
 * Writes lib/validate/schema-deltas.json: for each Kubernetes release without a kubernetes-models
 * package of its own (see SCHEMA_SETS), how its API differs from the release whose schemas it
 * borrows. Field lists come from @kubernetes/client-node, which publishes one release per
 * Kubernetes minor with the field names and types of every API type (`attributeTypeMap`); the
 * delta lists the kinds and fields the newer release added (absent in the older one) and the
 * fields it dropped, by path per kind.
 *
 * Run with `npm run schemas:deltas` after changing SCHEMA_SETS; it downloads the client-node
 * releases with `npm pack` into a temporary folder. Not part of the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_SETS } from '../lib/validate/kubernetes-version';
import type { SchemaDelta } from '../lib/validate/schema-deltas';

/**
 * The @kubernetes/client-node release generated from each Kubernetes minor. Its README's table is
 * off by one before 1.0, so each was checked against fields and kinds the minor introduced
 * (Container.restartPolicy in 1.28, flowcontrol v1 in 1.29, admissionregistration v1
 * ValidatingAdmissionPolicy in 1.30, PodSpec.resources in 1.32, Lifecycle.stopSignal in 1.33).
 * No release was generated from 1.31 (1.0.0-rc7 is 1.30, 1.0.0 is 1.32).
 */
const CLIENT_NODE_RELEASES: Readonly<Record<string, string>> = {
  '1.28': '0.20.0',
  '1.29': '0.21.0',
  '1.30': '0.22.3',
  '1.32': '1.1.2',
  '1.33': '1.3.0',
};

type Attributes = Map<string, string>;
type Models = Map<string, Attributes>;

const downloaded = new Map<string, Models>();

/** The models of one client-node release, downloaded once per run. */
function download(release: string, into: string): Models {
  const known = downloaded.get(release);
  if (known) return known;
  execFileSync('npm', ['pack', `@kubernetes/client-node@${release}`, '--silent'], { cwd: into, stdio: ['ignore', 'ignore', 'inherit'] });
  const folder = join(into, release);
  execFileSync('mkdir', ['-p', folder]);
  execFileSync('tar', ['xzf', join(into, `kubernetes-client-node-${release}.tgz`), '-C', folder]);
  const generated = join(folder, 'package', 'dist', 'gen');
  const modelDir = readdirSync(generated).includes('models') ? join(generated, 'models') : join(generated, 'model');
  const models: Models = new Map();
  for (const file of readdirSync(modelDir).filter((name) => name.endsWith('.js'))) {
    const source = readFileSync(join(modelDir, file), 'utf8');
    const match = /^(\w+)\.attributeTypeMap = (\[[\s\S]*?\]);$/m.exec(source);
    if (!match) continue;
    const attributes = JSON.parse(match[2]) as { baseName: string; type: string }[];
    models.set(match[1], new Map(attributes.map((attribute) => [attribute.baseName, attribute.type])));
  }
  downloaded.set(release, models);
  return models;
}

/** `apps/v1` Deployment → V1Deployment or AppsV1Deployment, as client-node names colliding types. */
function modelName(models: Models, apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);
  const prefixed = `${capitalise(group.split('.')[0])}${capitalise(version)}${kind}`;
  const plain = `${capitalise(version)}${kind}`;
  return [prefixed, plain].find((name) => models.has(name));
}

/** The element type below Array<…> or a string-keyed map, with the path segment it adds. */
function unwrap(type: string): { inner: string; wrapped: boolean } {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { inner: array[1], wrapped: true };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { inner: map[1], wrapped: true };
  return { inner: type, wrapped: false };
}

/** Walks one kind in both releases at once, recording fields only one of them has. */
function compare(newer: Models, older: Models, newerModel: string, olderModel: string, path: string[], stack: Set<string>, delta: { absent: string[]; extra: string[] }): void {
  if (stack.has(newerModel)) return;
  stack.add(newerModel);
  const newerFields = newer.get(newerModel)!;
  const olderFields = older.get(olderModel)!;
  for (const [field, type] of newerFields) {
    if (!olderFields.has(field)) {
      delta.absent.push([...path, field].join('.'));
      continue;
    }
    let newerType = unwrap(type);
    let olderType = unwrap(olderFields.get(field)!);
    const segments = [...path, field];
    // Nested wrappers (a map of arrays) add one `*` each.
    while (newerType.wrapped && olderType.wrapped) {
      segments.push('*');
      newerType = unwrap(newerType.inner);
      olderType = unwrap(olderType.inner);
    }
    if (newer.has(newerType.inner) && older.has(olderType.inner)) compare(newer, older, newerType.inner, olderType.inner, segments, stack, delta);
  }
  for (const field of olderFields.keys()) if (!newerFields.has(field)) delta.extra.push([...path, field].join('.'));
  stack.delete(newerModel);
}

/** Every top-level kind of a kubernetes-models package: `<group>/<version>/<Kind>.js` declaring both. */
function kindsOf(packageName: string): [string, string][] {
  const root = join('node_modules', packageName);
  const kinds: [string, string][] = [];
  const visit = (folder: string, apiVersion: string) => {
    for (const file of readdirSync(folder).filter((name) => /^[A-Z]\w*\.js$/.test(name))) {
      const kind = file.slice(0, -3);
      const source = readFileSync(join(folder, file), 'utf8');
      if (source.includes(`.apiVersion=${JSON.stringify(apiVersion)}`) && source.includes(`.kind=${JSON.stringify(kind)}`)) kinds.push([apiVersion, kind]);
    }
  };
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
    if (/^v\d/.test(entry.name)) visit(join(root, entry.name), entry.name);
    else for (const version of readdirSync(join(root, entry.name), { withFileTypes: true })) if (version.isDirectory()) visit(join(root, entry.name, version.name), `${entry.name}/${version.name}`);
  }
  return kinds.sort(([a, b], [c, d]) => `${a}/${b}`.localeCompare(`${c}/${d}`));
}

const scratch = mkdtempSync(join(tmpdir(), 'schema-deltas-'));
const deltas: Record<string, SchemaDelta> = {};
for (const set of SCHEMA_SETS.filter((candidate) => candidate.borrowsFrom !== undefined)) {
  const base = SCHEMA_SETS.find((candidate) => candidate.version === set.borrowsFrom && candidate.borrowsFrom === undefined)!;
  const newer = download(CLIENT_NODE_RELEASES[base.version], scratch);
  const older = download(CLIENT_NODE_RELEASES[set.version], scratch);
  const delta = { absentKinds: [] as string[], absentFields: {} as Record<string, string[]>, extraFields: {} as Record<string, string[]> };
  for (const [apiVersion, kind] of kindsOf(base.packageName)) {
    const newerModel = modelName(newer, apiVersion, kind);
    if (newerModel === undefined) continue;
    const olderModel = modelName(older, apiVersion, kind);
    if (olderModel === undefined) {
      delta.absentKinds.push(`${apiVersion}/${kind}`);
      continue;
    }
    const fields = { absent: [] as string[], extra: [] as string[] };
    compare(newer, older, newerModel, olderModel, [], new Set(), fields);
    if (fields.absent.length > 0) delta.absentFields[`${apiVersion}/${kind}`] = fields.absent.sort();
    if (fields.extra.length > 0) delta.extraFields[`${apiVersion}/${kind}`] = fields.extra.sort();
  }
  deltas[set.version] = delta;
  process.stdout.write(`schema-deltas: ${set.version} against ${base.version}: ${delta.absentKinds.length} kinds and ${Object.values(delta.absentFields).flat().length} field paths absent, ${Object.values(delta.extraFields).flat().length} extra\n`);
}
writeFileSync(join('lib', 'validate', 'schema-deltas.json'), `${JSON.stringify(deltas, null, 1)}\n`);
