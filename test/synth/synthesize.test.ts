import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigError } from '../../lib/config';
import { readTree, renderEnvironments, synthesize } from '../../lib/synth';

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [key: string]: any;
}

const rendered = renderEnvironments('environments');
const objectsOf = (folder: string): K8sObject[] =>
  [...rendered.tree.entries()]
    .filter(([path]) => path.startsWith(`${folder}/`))
    .flatMap(([, text]) => parseAllDocuments(text).map((doc) => doc.toJS() as K8sObject));
const find = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

function tempCopyOfEnvironments(): string {
  const dir = mkdtempSync(join(tmpdir(), 'environments-'));
  cpSync('environments', dir, { recursive: true });
  return dir;
}

describe('the synthesized tree', () => {
  it('has one folder per environment plus argocd', () => {
    const folders = new Set([...rendered.tree.keys()].map((path) => path.split('/')[0]));
    expect([...folders].sort()).toEqual(['argocd', 'development', 'production', 'staging']);
  });

  it.each(['development', 'staging', 'production'])('%s matches its snapshot', (environment) => {
    const files = Object.fromEntries([...rendered.tree.entries()].filter(([path]) => path.startsWith(`${environment}/`)));
    expect(files).toMatchSnapshot();
  });

  it('is deterministic: two renders are byte-identical', () => {
    expect(renderEnvironments('environments').tree).toEqual(rendered.tree);
  });

  it('is the committed dist/ (run `npm run synth` and commit dist/ after changing the source)', () => {
    expect(readTree('dist')).toEqual(rendered.tree);
  });

  it('labels every object with the recommended labels and its environment', () => {
    for (const environment of rendered.environments) {
      for (const object of objectsOf(environment)) {
        const labels = object.metadata.labels ?? {};
        expect({ object: `${object.kind}/${object.metadata.name}`, labels: Object.keys(labels).filter((k) => k.startsWith('app.kubernetes.io/') || k === 'environment').sort() }).toEqual({
          object: `${object.kind}/${object.metadata.name}`,
          labels: expect.arrayContaining(['app.kubernetes.io/managed-by', 'app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'environment']),
        });
        expect(labels.environment).toBe(environment);
      }
    }
  });
});

describe('production', () => {
  const production = objectsOf('production');

  it('runs the api blue/green: the active Service selects exactly the active color', () => {
    const blue = find(production, 'Deployment', 'api-blue');
    const green = find(production, 'Deployment', 'api-green');
    expect(blue?.spec.template.metadata.labels.color).toBe('blue');
    expect(green?.spec.template.metadata.labels.color).toBe('green');
    const active = find(production, 'Service', 'api')!;
    const preview = find(production, 'Service', 'api-preview')!;
    expect(matches(active.spec.selector, blue!.spec.template.metadata.labels)).toBe(true);
    expect(matches(active.spec.selector, green!.spec.template.metadata.labels)).toBe(false);
    expect(matches(preview.spec.selector, green!.spec.template.metadata.labels)).toBe(true);
    expect(matches(preview.spec.selector, blue!.spec.template.metadata.labels)).toBe(false);
  });

  it('orders Argo CD sync waves so that workloads are healthy before Services move', () => {
    const wave = (kind: string, name: string) => Number(find(production, kind, name)!.metadata.annotations!['argocd.argoproj.io/sync-wave']);
    expect(wave('Namespace', 'video-app')).toBeLessThan(wave('Deployment', 'api-green'));
    expect(wave('Deployment', 'api-green')).toBeLessThan(wave('Service', 'api'));
  });
});

describe.each(['development', 'staging', 'production'])('%s', (environment) => {
  const objects = objectsOf(environment);

  it('gives every Deployment with at least two replicas a PodDisruptionBudget that selects it', () => {
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
      const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === deployment.metadata.name);
      const minimum = hpa?.spec.minReplicas ?? deployment.spec.replicas ?? 1;
      const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget' && matches(o.spec.selector.matchLabels, deployment.spec.template.metadata.labels));
      expect({ deployment: deployment.metadata.name, budgets: budgets.length }).toEqual({ deployment: deployment.metadata.name, budgets: minimum >= 2 ? 1 : 0 });
    }
  });

  it('has a default-deny NetworkPolicy in its namespace', () => {
    const namespace = objects.find((o) => o.kind === 'Namespace')!.metadata.name;
    const denyAll = objects.filter(
      (o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace && Object.keys(o.spec.podSelector).length === 0 &&
        [...o.spec.policyTypes].sort().join() === 'Egress,Ingress' && !o.spec.ingress && !o.spec.egress,
    );
    expect(denyAll).toHaveLength(1);
  });

  it('grants no wildcard in any Role', () => {
    for (const role of objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole')) {
      for (const rule of role.rules) {
        for (const field of ['verbs', 'resources', 'apiGroups']) expect(rule[field] ?? []).not.toContain('*');
      }
    }
  });

  it('runs backups daily at 02:00 UTC, never two at once', () => {
    const cronJobs = objects.filter((o) => o.kind === 'CronJob');
    expect(cronJobs.map((c) => c.metadata.name).sort()).toEqual(['backup-postgres', 'backup-redis']);
    for (const cronJob of cronJobs) {
      expect(cronJob.spec).toMatchObject({ schedule: '0 2 * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
    }
  });
});

describe('failures leave the output untouched', () => {
  it('a bad configuration raises a located error and keeps the previous output byte-identical', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dist-')), 'dist');
    const environments = tempCopyOfEnvironments();
    synthesize(environments, out);
    const before = readTree(out);
    const file = join(environments, 'staging.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('memory: 512Mi', 'memory: 500mi'));
    expect(() => synthesize(environments, out)).toThrow(ConfigError);
    expect(readTree(out)).toEqual(before);
  });
});

describe('adding a service by configuration alone', () => {
  it('yields its complete resource set', () => {
    const environments = tempCopyOfEnvironments();
    const file = join(environments, 'staging.yaml');
    const search = [
      '  search:',
      '    component: api',
      '    image: registry.example.com/video-platform/search:0.1.0',
      '    port: 8080',
      '    metricsPort: 8080',
      '    ingressPath: /search',
      '    resources: { cpu: 250m, memory: 256Mi }',
      '    replicas: { min: 2, max: 4 }',
      '    autoscaling: { cpuPercent: 70, memoryPercent: 80 }',
      '    egress: [postgres]',
      '',
    ].join('\n');
    writeFileSync(file, readFileSync(file, 'utf8').replace('services:\n', `services:\n${search}`));
    const { tree } = renderEnvironments(environments);
    const staging = [...tree.entries()].filter(([path]) => path.startsWith('staging/')).map(([, text]) => parseAllDocuments(text)[0].toJS() as K8sObject);
    const kinds = staging.filter((o) => o.metadata.name === 'search').map((o) => o.kind).sort();
    expect(kinds).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'ServiceAccount', 'ServiceMonitor']);
    // The shared Ingress of the host (a canary service such as staging's api has one of its own).
    const ingress = staging.find((o) => o.kind === 'Ingress' && o.metadata.name === 'video-platform')!;
    expect(ingress.spec.rules[0].http.paths.map((p: any) => p.path)).toContain('/search');
    expect(staging.some((o) => o.kind === 'NetworkPolicy' && JSON.stringify(o).includes('"app.kubernetes.io/name":"search"'))).toBe(true);
  });
});
