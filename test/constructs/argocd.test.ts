import { Chart, Testing } from 'cdk8s';
import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { ArgoApplications, cascadeFinalizer, type ArgoApplicationsProps } from '../../lib/constructs/argocd';
import { objectFileName } from '../../lib/synth/layout';
import { find, namesOf, type Manifest } from './fixtures';

const load = (name: string): EnvironmentConfig => loadEnvironment(join(__dirname, '../../environments', `${name}.yaml`));
const allEnvironments = () => ['development', 'production', 'staging'].map(load);

/** An Application as synthesized: namespaced, possibly with finalizers. */
type Application = Manifest & { metadata: Manifest['metadata'] & { namespace?: string; finalizers?: string[] } };

/** Builds the Applications in a chart named "argocd", as lib/app does, and returns its objects. */
function build(props: ArgoApplicationsProps, chartName = 'argocd'): Application[] {
  const chart = new Chart(Testing.app(), chartName, { disableResourceNameHashes: true });
  new ArgoApplications(chart, 'argocd', props);
  return chart.toJson() as Application[];
}

describe('ArgoApplications', () => {
  const manifests = build({ environments: allEnvironments() });
  const application = (name: string) => find(manifests, 'Application', name) as Application;

  it('writes one Application per environment and a root, in Argo CD\'s namespace', () => {
    expect(namesOf(manifests, 'Application')).toEqual(['video-platform-development', 'video-platform-production', 'video-platform-root', 'video-platform-staging']);
    for (const app of manifests) {
      expect(app.apiVersion).toBe('argoproj.io/v1alpha1');
      expect(app.metadata.namespace).toBe('argocd');
    }
  });

  it('syncs dist/<env> recursively from the configured repository into the environment\'s namespace', () => {
    const staging = application('video-platform-staging');
    expect(staging.spec.project).toBe('default');
    expect(staging.spec.source).toEqual({
      repoURL: 'https://git.example.com/platform/video-platform-manifests.git',
      targetRevision: 'main',
      path: 'dist/staging',
      directory: { recurse: true },
    });
    expect(staging.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'video-app-staging' });
    expect(staging.spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true', 'PruneLast=true']);
  });

  it('syncs development and staging automatically with prune and self-heal, production by hand', () => {
    expect(application('video-platform-development').spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(application('video-platform-staging').spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(application('video-platform-production').spec.syncPolicy).not.toHaveProperty('automated');
  });

  it('follows argocd.automatedSync, targetRevision and project of each environment', () => {
    const production = load('production');
    production.argocd = { ...production.argocd, automatedSync: true, targetRevision: 'release-1.4', project: 'video' };
    const app = find(build({ environments: [production] }), 'Application', 'video-platform-production');
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(app.spec.source.targetRevision).toBe('release-1.4');
    expect(app.spec.project).toBe('video');
  });

  it('cascades the deletion of an environment\'s Application to its resources', () => {
    for (const name of ['video-platform-development', 'video-platform-production', 'video-platform-staging']) {
      expect(application(name).metadata.finalizers).toEqual([cascadeFinalizer]);
    }
    expect(cascadeFinalizer).toBe('resources-finalizer.argocd.argoproj.io');
  });

  it('roots the environments in an app of apps over its own folder, excluding its own file', () => {
    const root = application('video-platform-root');
    expect(root.spec.source).toMatchObject({ repoURL: 'https://git.example.com/platform/video-platform-manifests.git', targetRevision: 'main', path: 'dist/argocd' });
    expect(root.spec.source.directory.exclude).toBe(objectFileName(root, undefined));
    const children = manifests.filter((app) => app !== root).map((app) => objectFileName(app, undefined));
    expect(children).not.toContain(root.spec.source.directory.exclude);
    expect(root.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
  });

  it('keeps the root from deleting environments: no prune, no cascade finalizer', () => {
    const root = application('video-platform-root');
    expect(root.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
    expect(root.metadata).not.toHaveProperty('finalizers');
  });

  it('syncs the folder of the chart it is in', () => {
    const root = find(build({ environments: allEnvironments() }, 'gitops'), 'Application', 'video-platform-root');
    expect(root.spec.source.path).toBe('dist/gitops');
  });

  it('places the Applications in the given namespace', () => {
    const apps = build({ environments: allEnvironments(), namespace: 'gitops-system' });
    expect(apps.map((app) => app.metadata.namespace)).toEqual(apps.map(() => 'gitops-system'));
    expect(find(apps, 'Application', 'video-platform-root').spec.destination.namespace).toBe('gitops-system');
  });

  it('refuses environments that disagree on the repository, naming each one\'s', () => {
    const [development, production] = [load('development'), load('production')];
    production.argocd.repoURL = 'https://git.example.com/platform/other.git';
    expect(() => build({ environments: [production, development] })).toThrow(
      'environments disagree on argocd.repoURL (development: https://git.example.com/platform/video-platform-manifests.git; production: https://git.example.com/platform/other.git); the root Application needs one value: make them equal in environments/*.yaml',
    );
  });

  it('refuses an empty list of environments', () => {
    expect(() => build({ environments: [] })).toThrow('ArgoApplications: environments is empty');
  });

  it('lets the root follow the default branch when environments pin different revisions', () => {
    const [development, production] = [load('development'), load('production')];
    production.argocd.targetRevision = 'v1.4.2';
    const root = find(build({ environments: [development, production] }), 'Application', 'video-platform-root');
    expect(root.spec.source.targetRevision).toBe('HEAD');
  });
});
