import { diffSnapshots, hasDifferences, type EnvironmentDiff, type ReviewDiff } from '../../lib/review/diff';
import { formatPath } from '../../lib/review/field-path';
import { snapshotFromFiles, SnapshotError } from '../../lib/review/snapshot';
import { edited, fixtureFiles } from './support';

function review(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ReviewDiff {
  return diffSnapshots(snapshotFromFiles('base', before), snapshotFromFiles('head', after));
}

function environment(diff: ReviewDiff, name: string): EnvironmentDiff {
  const found = diff.environments.find((candidate) => candidate.environment === name);
  if (found === undefined) throw new Error(`no environment ${name} in the diff`);
  return found;
}

/** Every field change of an environment as `<resource name> <path>: <before> -> <after>`. */
function fieldChanges(diff: EnvironmentDiff): string[] {
  return diff.changed.flatMap((resource) =>
    resource.changes.map((change) => `${resource.identity.name} ${formatPath(change.path)}: ${JSON.stringify(change.before)} -> ${JSON.stringify(change.after)}`),
  );
}

describe('diffSnapshots', () => {
  const base = fixtureFiles();

  it('finds nothing between a snapshot and itself', () => {
    const diff = review(base, base);
    expect(hasDifferences(diff)).toBe(false);
    expect(diff.environments.map((e) => [e.environment, e.status])).toEqual([
      ['production', 'unchanged'],
      ['staging', 'unchanged'],
    ]);
  });

  it('reports a replica count change as one field of the Deployment', () => {
    const head = edited(base, 'production/deployment.apps_api.yaml', (d) => {
      d.spec.replicas = 5;
    });
    const production = environment(review(base, head), 'production');
    expect(production.status).toBe('changed');
    expect(fieldChanges(production)).toEqual(['api spec.replicas: 3 -> 5']);
    expect(production.changed[0]?.identity).toEqual({ group: 'apps', kind: 'Deployment', namespace: 'video-app', name: 'api' });
  });

  it('reports a selector flip from blue to green on the Service', () => {
    const head = edited(base, 'production/service_api.yaml', (s) => {
      s.spec.selector.color = 'green';
    });
    expect(fieldChanges(environment(review(base, head), 'production'))).toEqual(['api spec.selector.color: "blue" -> "green"']);
  });

  it('reports an added resource', () => {
    const head = new Map(base);
    head.set('production/serviceaccount_api.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: video-app\n');
    const production = environment(review(base, head), 'production');
    expect(production.added.map((r) => [r.identity.kind, r.identity.name, r.file])).toEqual([['ServiceAccount', 'api', 'production/serviceaccount_api.yaml']]);
    expect(production.removed).toEqual([]);
    expect(production.changed).toEqual([]);
  });

  it('reports a removed resource', () => {
    const head = new Map(base);
    head.delete('production/service_api.yaml');
    const production = environment(review(base, head), 'production');
    expect(production.removed.map((r) => `${r.identity.kind} ${r.identity.name}`)).toEqual(['Service api']);
    expect(production.added).toEqual([]);
  });

  it('does not count a resource moved to another file as a change', () => {
    const head = new Map(base);
    head.delete('production/service_api.yaml');
    head.set('production/services/api.yaml', base.get('production/service_api.yaml') as string);
    const diff = review(base, head);
    const production = environment(diff, 'production');
    expect(hasDifferences(diff)).toBe(false);
    expect(production.status).toBe('unchanged');
    expect(production.moved).toEqual([
      { identity: expect.objectContaining({ kind: 'Service', name: 'api' }), fileBefore: 'production/service_api.yaml', fileAfter: 'production/services/api.yaml' },
    ]);
  });

  it('matches resources by identity when several documents share one file', () => {
    const production = new Map([...base].filter(([path]) => path.startsWith('production/')));
    const oneFile = new Map([['production/all.yaml', [...production.values()].join('---\n')]]);
    const diff = review(production, oneFile);
    expect(hasDifferences(diff)).toBe(false);
    expect(environment(diff, 'production').moved.map((m) => m.fileAfter)).toEqual(Array(3).fill('production/all.yaml'));
  });

  it('reports a rename as one rename, with what else changed', () => {
    const head = new Map(base);
    head.delete('production/configmap_settings.yaml');
    const renamed = edited(base, 'production/configmap_settings.yaml', (c) => {
      c.metadata.name = 'api-settings';
      c.data.theme = 'light';
    });
    head.set('production/configmap_api-settings.yaml', renamed.get('production/configmap_settings.yaml') as string);
    const production = environment(review(base, head), 'production');
    expect(production.added).toEqual([]);
    expect(production.removed).toEqual([]);
    expect(production.renamed).toHaveLength(1);
    const [rename] = production.renamed;
    expect([rename?.from.identity.name, rename?.to.identity.name]).toEqual(['settings', 'api-settings']);
    expect(rename?.changes.map((c) => `${formatPath(c.path)}: ${String(c.before)} -> ${String(c.after)}`)).toEqual(['data.theme: dark -> light']);
  });

  it('does not take a removal and an unlike addition of the same kind for a rename', () => {
    const head = new Map(base);
    head.delete('production/configmap_settings.yaml');
    head.set('production/configmap_other.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: video-app\ndata:\n  key: value\n');
    const production = environment(review(base, head), 'production');
    expect(production.renamed).toEqual([]);
    expect(production.added.map((r) => r.identity.name)).toEqual(['other']);
    expect(production.removed.map((r) => r.identity.name)).toEqual(['settings']);
  });

  it('does not take a resource of another kind or namespace for a rename', () => {
    const head = new Map(base);
    head.delete('production/configmap_settings.yaml');
    const moved = edited(base, 'production/configmap_settings.yaml', (c) => {
      c.metadata.namespace = 'elsewhere';
    });
    head.set('production/elsewhere_configmap_settings.yaml', moved.get('production/configmap_settings.yaml') as string);
    const production = environment(review(base, head), 'production');
    expect(production.renamed).toEqual([]);
    expect(production.added).toHaveLength(1);
    expect(production.removed).toHaveLength(1);
  });

  it('ignores key order', () => {
    const head = new Map(base);
    const reordered = ['apiVersion: v1', 'kind: Service', 'spec:', '  selector:', '    color: blue', '    app.kubernetes.io/name: api', '  ports:',
      '    - targetPort: http', '      port: 8080', '      name: http', 'metadata:', '  namespace: video-app', '  name: api', ''].join('\n');
    head.set('production/service_api.yaml', reordered);
    expect(hasDifferences(review(base, head))).toBe(false);
  });

  it('matches named list items by name, so reordering containers and env vars is no change', () => {
    const head = edited(base, 'production/deployment.apps_api.yaml', (d) => {
      const containers = d.spec.template.spec.containers;
      containers[0].env.reverse();
      containers.reverse();
    });
    expect(hasDifferences(review(base, head))).toBe(false);
  });

  it('reports a changed env var under its name, not its position', () => {
    const head = edited(base, 'production/deployment.apps_api.yaml', (d) => {
      const api = d.spec.template.spec.containers[0];
      api.env.reverse();
      api.env.find((e: { name: string }) => e.name === 'LOG_LEVEL').value = 'debug';
    });
    expect(fieldChanges(environment(review(base, head), 'production'))).toEqual([
      'api spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value: "info" -> "debug"',
    ]);
  });

  it('reports an environment that appears as added, with all its resources', () => {
    const head = new Map(base);
    head.set('development/service_api.yaml', (base.get('staging/service_api.yaml') as string).replace('video-app-staging', 'video-app-dev'));
    const diff = review(base, head);
    const development = environment(diff, 'development');
    expect(development.status).toBe('added');
    expect(development.added.map((r) => `${r.identity.namespace}/${r.identity.name}`)).toEqual(['video-app-dev/api']);
    expect(environment(diff, 'production').status).toBe('unchanged');
  });

  it('reports an environment that disappears as removed', () => {
    const head = new Map([...base].filter(([path]) => !path.startsWith('staging/')));
    const staging = environment(review(base, head), 'staging');
    expect(staging.status).toBe('removed');
    expect(staging.removed).toHaveLength(1);
  });

  it('treats an empty base as everything added', () => {
    const diff = review(new Map(), base);
    expect(diff.environments.map((e) => [e.environment, e.status, e.added.length])).toEqual([
      ['production', 'added', 3],
      ['staging', 'added', 1],
    ]);
  });

  it('reports an API version migration as a change of apiVersion, not a removal and an addition', () => {
    const head = edited(base, 'production/deployment.apps_api.yaml', (d) => {
      d.apiVersion = 'apps/v1beta2';
    });
    expect(fieldChanges(environment(review(base, head), 'production'))).toEqual(['api apiVersion: "apps/v1" -> "apps/v1beta2"']);
  });

  it('compares only the environments asked for', () => {
    const head = edited(base, 'staging/service_api.yaml', (s) => {
      s.spec.selector.tier = 'backend';
    });
    const diff = diffSnapshots(snapshotFromFiles('base', base), snapshotFromFiles('head', head), ['production']);
    expect(diff.environments.map((e) => e.environment)).toEqual(['production']);
    expect(hasDifferences(diff)).toBe(false);
  });
});

describe('snapshotFromFiles', () => {
  it('rejects a resource defined twice in one environment, naming both files', () => {
    const files = new Map([
      ['production/a.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n'],
      ['production/b.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n'],
    ]);
    expect(() => snapshotFromFiles('HEAD', files)).toThrow(SnapshotError);
    expect(() => snapshotFromFiles('HEAD', files)).toThrow('dist/production/b.yaml:1: Service api is also defined in dist/production/a.yaml');
  });

  it('rejects YAML that does not parse, with file, line and column', () => {
    const files = new Map([['production/a.yaml', 'apiVersion: v1\nkind: [Service\n']]);
    expect(() => snapshotFromFiles('HEAD', files)).toThrow(/^HEAD: dist\/production\/a\.yaml:\d+:\d+: /);
  });

  it('skips empty documents and keeps files at the top level apart', () => {
    const files = new Map([
      ['production/a.yaml', '---\n# nothing\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n'],
      ['kustomization.yaml', 'resources: []\n'],
    ]);
    const snapshot = snapshotFromFiles('HEAD', files);
    expect([...snapshot.environments.keys()]).toEqual(['.', 'production']);
    expect(snapshot.environments.get('production')?.map((r) => r.identity.name)).toEqual(['api']);
    expect(snapshot.environments.get('.')?.map((r) => r.identity.name)).toEqual(['kustomization.yaml#0']);
  });
});
