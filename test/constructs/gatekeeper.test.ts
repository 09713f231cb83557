import { Chart, Testing } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { EnvironmentChart } from '../../lib/constructs/environment-chart';
import { AdmissionPolicies } from '../../lib/constructs/gatekeeper';
import type { RegoSourceFile } from '../../lib/constructs/gatekeeper-rego';
import { loadPolicySources } from '../../lib/policy-sources';
import { addSyncWaves } from '../../lib/sync-waves';
import { productionEnvironment, type Manifest } from './fixtures';

const policySources = loadPolicySources();

function environmentManifests(configure: (environment: ReturnType<typeof productionEnvironment>) => void = () => {}): Manifest[] {
  const environment = productionEnvironment();
  configure(environment);
  const chart = new EnvironmentChart(Testing.app(), { environment, policySources });
  addSyncWaves(chart);
  return Testing.synth(chart) as Manifest[];
}

const templatesOf = (manifests: Manifest[]): Manifest[] => manifests.filter((m) => m.kind === 'ConstraintTemplate');
const constraintsOf = (manifests: Manifest[]): Manifest[] => manifests.filter((m) => m.apiVersion === 'constraints.gatekeeper.sh/v1beta1');

/** A bare chart with one Deployment and the admission policies of `sources`. */
function policiesFor(sources: RegoSourceFile[]): Manifest[] {
  const environment = productionEnvironment();
  const chart = new Chart(Testing.app(), 'production', { namespace: environment.namespace, disableResourceNameHashes: true });
  new k8s.KubeDeployment(chart, 'web', { metadata: { name: 'web' }, spec: { selector: {}, template: {} } });
  new AdmissionPolicies(chart, 'admission', { environment, policySources: sources });
  return Testing.synth(chart) as Manifest[];
}

const libraryModule: RegoSourceFile = { path: 'policies/lib/kubernetes.rego', text: 'package lib.kubernetes\n\nimport rego.v1\n\nenvironment := data.environment\n' };

describe('loadPolicySources', () => {
  it('reads every Rego module of policies/ but the tests, sorted by path', () => {
    const paths = policySources.map((s) => s.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(['policies/images.rego', 'policies/lib/kubernetes.rego', 'policies/combined/objects.rego']));
    expect(paths.filter((p) => p.endsWith('_test.rego'))).toEqual([]);
  });
});

describe('AdmissionPolicies', () => {
  it('makes one template and one constraint per policy module of package main, and none for package combined', () => {
    const manifests = environmentManifests();
    const mainModules = policySources.filter((s) => /^package main$/m.test(s.text)).map((s) => s.path);
    expect(templatesOf(manifests).map((t) => t.metadata.annotations!.description.replace(/^.* of (\S+), .*$/, '$1')).sort()).toEqual(mainModules.sort());
    expect(constraintsOf(manifests)).toHaveLength(mainModules.length);
    expect(JSON.stringify(manifests)).not.toContain('package combined');
  });

  it('scopes every constraint to the environment namespace: the kinds it deploys, and every namespaced kind that runs pods or grants access', () => {
    const manifests = environmentManifests();
    for (const constraint of constraintsOf(manifests)) {
      expect(constraint.spec.match.namespaces).toEqual(['video-app']);
      const kinds = constraint.spec.match.kinds as { apiGroups: string[]; kinds: string[] }[];
      // A kind made by hand with kubectl is reviewed too, or choosing it would bypass the rules.
      expect(kinds).toContainEqual({ apiGroups: ['apps'], kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'] });
      expect(kinds.find((k) => k.apiGroups[0] === '')!.kinds).toEqual(expect.arrayContaining(['ConfigMap', 'Pod', 'ReplicationController', 'Service', 'ServiceAccount']));
      expect(kinds.find((k) => k.apiGroups[0] === 'batch')!.kinds).toEqual(['CronJob', 'Job']);
      expect(kinds.find((k) => k.apiGroups[0] === 'rbac.authorization.k8s.io')!.kinds).toEqual(expect.arrayContaining(['Role', 'RoleBinding']));
      expect(kinds.find((k) => k.apiGroups[0] === 'argoproj.io')!.kinds).toContain('Rollout');
      // Not Secrets (made out of band), and nothing cluster-scoped (the whole cluster's would match).
      expect(kinds.flatMap((k) => k.kinds)).not.toContain('Secret');
      expect(kinds.flatMap((k) => k.kinds)).not.toContain('ClusterRoleBinding');
      expect(kinds.map((k) => k.apiGroups[0])).not.toContain('constraints.gatekeeper.sh');
    }
  });

  it('denies in production and only audits where the environment says dryrun', () => {
    expect(new Set(constraintsOf(environmentManifests()).map((c) => c.spec.enforcementAction))).toEqual(new Set(['deny']));
    const development = environmentManifests((e) => (e.admission.enforcementAction = 'dryrun'));
    expect(new Set(constraintsOf(development).map((c) => c.spec.enforcementAction))).toEqual(new Set(['dryrun']));
  });

  it('applies templates with the Namespace and constraints before the workloads, and lets Argo CD skip their dry run', () => {
    const manifests = environmentManifests();
    const wave = (m: Manifest): string => m.metadata.annotations!['argocd.argoproj.io/sync-wave'];
    expect(new Set(templatesOf(manifests).map(wave))).toEqual(new Set(['-1']));
    expect(new Set(constraintsOf(manifests).map(wave))).toEqual(new Set(['0']));
    expect(manifests.filter((m) => m.kind === 'Deployment').map(wave)).toContain('1');
    for (const object of [...templatesOf(manifests), ...constraintsOf(manifests)]) {
      expect(object.metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
      expect(object.metadata).not.toHaveProperty('namespace');
    }
  });

  it('names templates and kinds after the environment, so that environments in one cluster own their own', () => {
    const production = templatesOf(environmentManifests());
    const staging = templatesOf(environmentManifests((e) => (e.name = 'staging')));
    for (const template of production) expect(template.metadata.name).toBe(template.spec.crd.spec.names.kind.toLowerCase());
    expect(production.map((t) => t.spec.crd.spec.names.kind)).toContain('VideoPlatformProductionPodSecurity');
    expect(staging.map((t) => t.spec.crd.spec.names.kind)).toContain('VideoPlatformStagingPodSecurity');
  });

  it('puts each policy module into the template libs unchanged but for its package line, import rego.v1 and data.environment', () => {
    const normalise = (text: string): string =>
      text
        .replace(/^package .*$/m, 'package X')
        .replace(/^import rego\.v1\n/m, '')
        .replace(/data\.lib\.parameters\.environment/g, 'data.environment')
        .replace(/\n{3,}/g, '\n\n');
    const libs = new Set(templatesOf(environmentManifests()).flatMap((t) => t.spec.targets[0].code[0].source.libs as string[]));
    for (const source of policySources.filter((s) => /^package (main|lib\.(?!testing))/m.test(s.text))) {
      const packageLine = /^package main$/m.test(source.text) ? `package lib.policies.${source.path.replace(/^policies\/|\.rego$/g, '')}` : source.text.match(/^package .*$/m)![0];
      const header = source.text.slice(0, source.text.search(/^package /m));
      const lib = [...libs].find((l) => l.startsWith(`${header}${packageLine}\n`));
      expect({ source: source.path, found: lib !== undefined }).toEqual({ source: source.path, found: true });
      expect(normalise(lib!)).toBe(normalise(source.text));
      expect(lib).not.toMatch(/^import rego\.v1/m);
      expect(lib).not.toMatch(/^[^#\n]*data\.environment/m);
    }
  });

  it('passes the environment fields the policies read as parameters', () => {
    for (const constraint of constraintsOf(environmentManifests())) {
      expect(constraint.spec.parameters).toEqual({ environment: { imageRegistries: ['registry.example.com'], name: 'production' } });
    }
  });

  it('wraps whatever deny_, violation and warn_ rules a module has; warnings get a template of their own that never blocks', () => {
    const manifests = policiesFor([
      libraryModule,
      { path: 'policies/extra.rego', text: 'package main\n\nimport data.lib.kubernetes as k8s\nimport rego.v1\n\ndeny_foo contains "foo" if input.kind == "Foo"\n\nviolation_bar contains "bar" if k8s.environment.name == "x"\n\nwarn_baz contains "baz" if true\n\nhelper := 1\n' },
      { path: 'policies/combined/extra.rego', text: 'package combined\n\ndeny_cross contains "x" if true\n' },
    ]);
    const templates = templatesOf(manifests);
    expect(templates.map((t) => t.spec.crd.spec.names.kind)).toEqual(['VideoPlatformProductionExtra', 'VideoPlatformProductionExtraWarnings']);
    expect(templates[0].spec.targets[0].code[0].source.rego).toMatch(/findings contains \["deny_foo", finding\][\s\S]*findings contains \["violation_bar", finding\]/);
    expect(templates[0].spec.targets[0].code[0].source.rego).not.toContain('warn_baz');
    expect(templates[1].spec.targets[0].code[0].source.rego).toContain('data.lib.policies.extra.warn_baz');
    expect(constraintsOf(manifests).map((c) => [c.metadata.name, c.spec.enforcementAction])).toEqual([
      ['extra', 'deny'],
      ['extra-warnings', 'warn'],
    ]);
    expect(constraintsOf(manifests)[0].spec.parameters).toEqual({ environment: { name: 'production' } });
  });

  it('honours conftest exceptions of the same module', () => {
    const [template] = templatesOf(
      policiesFor([{ path: 'policies/extra.rego', text: 'package main\n\ndeny_foo contains "foo" if true\n\nexception contains ["foo"] if input.metadata.name == "legacy"\n' }]),
    );
    expect(template.spec.targets[0].code[0].source.rego).toContain('not exempted("foo")');
  });

  it('refuses a policy that reads data Gatekeeper does not give, naming file and line', () => {
    expect(() => policiesFor([{ path: 'policies/extra.rego', text: 'package main\n\ndeny_foo contains "foo" if data.owners[input.metadata.name]\n' }])).toThrow(
      'policies/extra.rego:3: data.owners cannot be read by Gatekeeper',
    );
  });

  it('refuses an import Gatekeeper refuses', () => {
    expect(() => policiesFor([{ path: 'policies/extra.rego', text: 'package main\n\nimport input.metadata\n\ndeny_foo contains "foo" if metadata.name\n' }])).toThrow(
      'policies/extra.rego:3: import input.metadata is refused by Gatekeeper',
    );
  });

  it('refuses a policy importing a library that policies/ does not have', () => {
    expect(() => policiesFor([{ path: 'policies/extra.rego', text: 'package main\n\nimport data.lib.missing\n\ndeny_foo contains "foo" if missing.x\n' }])).toThrow(
      'policies/extra.rego:3: data.lib.missing is in no library module',
    );
  });

  it('renders the same objects on every synthesis', () => {
    expect(JSON.stringify(environmentManifests())).toBe(JSON.stringify(environmentManifests()));
  });
});
