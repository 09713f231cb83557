import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyPatch, type Operation } from 'fast-json-patch';
import { parse, stringify } from 'yaml';
import { generateKustomize } from '../../bench/generate-kustomize';
import { compareObjectSets, parseObjects, type KubeObject } from '../../bench/objects';

const labels = (name: string, environment: string) => ({ 'app.kubernetes.io/name': name, environment });
const objects: Record<string, KubeObject> = {
  'development/deployment.apps_api.yaml': {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'app-dev', labels: labels('api', 'development') },
    spec: { replicas: 1, template: { spec: { containers: [{ name: 'api', image: 'r/api:2' }] } } },
  },
  'development/service_api.yaml': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'app-dev', labels: labels('api', 'development') }, spec: { ports: [{ port: 80 }] } },
  'development/configmap_debug.yaml': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'debug', namespace: 'app-dev' }, data: { level: 'debug' } },
  'production/deployment.apps_api.yaml': {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'app', labels: labels('api', 'production') },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'api', image: 'r/api:1', resources: { limits: { cpu: '1' } } }] } } },
  },
  'production/service_api.yaml': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'app', labels: labels('api', 'production') }, spec: { ports: [{ port: 80 }] } },
  'production/poddisruptionbudget.policy_api.yaml': { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'app', labels: labels('api', 'production') }, spec: { minAvailable: 2 } },
  'argocd/application.argoproj.io_production.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'production', namespace: 'argocd' }, spec: { project: 'default' } },
};
const tree = new Map(Object.entries(objects).map(([path, object]) => [path, stringify(object)]));
const environments = [
  { name: 'production', namespace: 'app' },
  { name: 'development', namespace: 'app-dev' },
];
const objectsOf = (folder: string) => Object.entries(objects).filter(([path]) => path.startsWith(`${folder}/`)).map(([, object]) => object);

interface Kustomization {
  resources: string[];
  patches?: { target: Record<string, string>; patch: string }[];
}

/** What kustomize does with the generated tree, for the parts the generator uses: resources and patches. */
function build(dir: string): KubeObject[] {
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
  let built = kustomization.resources.flatMap((resource) => {
    const path = resolve(dir, resource);
    return existsSync(join(path, 'kustomization.yaml')) ? build(path) : parseObjects(readFileSync(path, 'utf8'), path);
  });
  for (const { target, patch } of kustomization.patches ?? []) {
    const matches = (object: KubeObject) => object.kind === target.kind && object.metadata.name === target.name;
    const parsed = parse(patch) as Operation[] | { $patch: string };
    if (!Array.isArray(parsed)) built = built.filter((object) => !matches(object));
    // JSON rather than structuredClone: jest gives structuredClone objects of another realm.
    else built = built.map((object) => (matches(object) ? applyPatch(JSON.parse(JSON.stringify(object)), parsed).newDocument : object));
  }
  return built;
}

describe('generateKustomize', () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-kustomize-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const layout = generateKustomize(tree, environments, root);

  it('bases every owner on the first environment by name and overlays every environment', () => {
    expect(layout.bases).toBe(2);
    expect(existsSync(join(root, 'base', 'api', 'deployment.apps_api.yaml'))).toBe(true);
    expect(existsSync(join(root, 'base', 'platform', 'configmap_debug.yaml'))).toBe(true);
    expect([...layout.targets.keys()]).toEqual(['argocd', 'development', 'production']);
  });

  it('expresses production as patches of the base, one added object and one deleted object', () => {
    expect(layout).toMatchObject({ addedObjects: 1, deletedObjects: 1 });
    // development's overlay patches nothing; production patches the Deployment and the Service.
    expect(layout.patchedObjects).toBe(2);
  });

  it.each(['argocd', 'development', 'production'])('rebuilds the %s folder exactly from bases, patches and added objects', (folder) => {
    expect(compareObjectSets(objectsOf(folder), build(layout.targets.get(folder)!))).toEqual([]);
  });

  const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].some((path) => existsSync(path));
  (kubectl ? it : it.skip)('is rendered by kubectl kustomize into exactly the same objects', () => {
    for (const [folder, target] of layout.targets) {
      const output = execFileSync('kubectl', ['kustomize', target], { encoding: 'utf8' });
      expect(compareObjectSets(objectsOf(folder), parseObjects(output, folder))).toEqual([]);
    }
  });

  it('refuses a tree without a folder for the base environment', () => {
    expect(() => generateKustomize(new Map(), environments, join(root, 'empty'))).toThrow(/no folder for the base environment development/);
  });
});
