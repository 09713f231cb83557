import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { objectFileName } from '../synth/layout';
import { notificationAnnotations } from './argocd-notifications';
import { ArgoApplication, type ArgoApplicationSpec } from './crds/argocd-application';
import { recommendedLabels } from './labels';

/** Where the synthesized manifests of one chart live in the repository. */
export function distPath(chartName: string): string {
  return `dist/${chartName}`;
}

/** The cluster Argo CD runs in, as Argo CD names it. */
const inCluster = 'https://kubernetes.default.svc';

/** Deleting an Application with this finalizer deletes the resources it deployed (foreground cascade). */
export const cascadeFinalizer = 'resources-finalizer.argocd.argoproj.io';

/**
 * `CreateNamespace` so that a first sync into an empty cluster does not fail before the Namespace
 * manifest (wave -1) is applied; `PruneLast` so that objects removed from git are deleted only once
 * every wave is healthy (a blue/green flip keeps the old objects until the new ones serve).
 * Server-side apply is left off: the manifests are small, and client-side apply is what the rest of
 * the tooling (and `kubectl diff`) assumes.
 */
const syncOptions = ['CreateNamespace=true', 'PruneLast=true'];

/** Failed syncs (an admission webhook not yet ready, a CRD still being established) are retried with backoff. */
const retry = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } };

/** Props of {@link ArgoApplications}. */
export interface ArgoApplicationsProps {
  /** Every environment, each deployed by its own Application; they must share `argocd.repoURL` and `partOf`. */
  readonly environments: readonly EnvironmentConfig[];
  /**
   * Argo CD's own namespace, where Applications must live.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Argo CD project of the root Application; it must allow Applications in `namespace`.
   * @default 'default'
   */
  readonly rootProject?: string;
}

/**
 * The Argo CD Applications: one per environment, `<partOf>-<environment>`, syncing `dist/<env>`
 * into the environment's namespace (automatically with prune and self-heal when
 * `argocd.automatedSync`, by hand otherwise), and a root Application, `<partOf>-root`, that syncs
 * this chart's own folder, `dist/argocd` (app of apps), at the environments' common revision.
 *
 * The root does not manage its own manifest (`directory.exclude`): it is applied once by hand to
 * bootstrap, and an Application that can rewrite or prune itself is one bad commit away from
 * removing the thing that would undo it. For the same reason the root is automated without prune
 * and has no cascade finalizer: deleting the root, or an environment file, never deletes a running
 * environment by itself; an environment's Application is pruned by hand, and its finalizer then
 * removes what it deployed.
 *
 * Argo CD must track resources by annotation (`application.resourceTrackingMethod: annotation` in
 * argocd-cm, the default from Argo CD 3.0): label tracking would overwrite the
 * `app.kubernetes.io/instance` label that the platform's selectors use.
 */
export class ArgoApplications extends Construct {
  /** Names of the per-environment Applications, in environment name order. */
  readonly applicationNames: string[];
  /** Name of the root Application. */
  readonly rootName: string;

  constructor(scope: Construct, id: string, props: ArgoApplicationsProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'argocd';
    // The chart's folder under dist/ is named after the chart (lib/synth), and the root syncs that folder.
    const chart = Chart.of(this);
    const chartName = chart.node.id;
    const environments = [...props.environments].sort((a, b) => a.name.localeCompare(b.name));
    if (environments.length === 0) throw new Error('ArgoApplications: environments is empty; give at least one environment to deploy');
    const repoURL = sharedValue(environments, 'argocd.repoURL', (environment) => environment.argocd.repoURL);
    const partOf = sharedValue(environments, 'partOf', (environment) => environment.partOf);

    this.applicationNames = environments.map((environment) => {
      const name = `${environment.partOf}-${environment.name}`;
      const { argocd } = environment;
      new ArgoApplication(this, environment.name, {
        metadata: {
          name,
          namespace,
          labels: recommendedLabels({ name: 'argocd', component: 'application', partOf: environment.partOf, environment: environment.name }),
          annotations: notificationAnnotations(argocd),
          finalizers: [cascadeFinalizer],
        },
        spec: {
          project: argocd.project,
          source: { repoURL: argocd.repoURL, targetRevision: argocd.targetRevision, path: distPath(environment.name), directory: { recurse: true } },
          destination: { server: inCluster, namespace: environment.namespace },
          syncPolicy: {
            automated: argocd.automatedSync ? { prune: true, selfHeal: true } : undefined,
            syncOptions,
            retry,
          },
        },
      });
      return name;
    });

    this.rootName = `${partOf}-root`;
    const rootFile = objectFileName({ ...ArgoApplication.GVK, metadata: { name: this.rootName, namespace } }, chart.namespace);
    const rootSpec: ArgoApplicationSpec = {
      project: props.rootProject ?? 'default',
      source: {
        repoURL,
        targetRevision: rootRevision(environments),
        path: distPath(chartName),
        directory: { recurse: false, exclude: rootFile },
      },
      destination: { server: inCluster, namespace },
      syncPolicy: { automated: { prune: false, selfHeal: true }, retry },
    };
    new ArgoApplication(this, 'root', {
      metadata: {
        name: this.rootName,
        namespace,
        // The root spans every environment.
        labels: recommendedLabels({ name: 'argocd', component: 'app-of-apps', partOf, environment: 'all' }),
      },
      spec: rootSpec,
    });
  }
}

/**
 * The value every environment agrees on; the root Application reads one repository at one revision,
 * so a disagreement is an error naming each environment's value.
 */
function sharedValue(environments: readonly EnvironmentConfig[], field: string, read: (environment: EnvironmentConfig) => string): string {
  const values = new Set(environments.map(read));
  if (values.size === 1) return read(environments[0]);
  const each = environments.map((environment) => `${environment.name}: ${read(environment)}`).join('; ');
  throw new Error(`environments disagree on ${field} (${each}); the root Application needs one value: make them equal in environments/*.yaml`);
}

/**
 * The revision the root follows: the environments' own when they share one; when they differ (say,
 * production pinned to a release tag) the repository's default branch, where the configuration of
 * every environment is edited.
 */
function rootRevision(environments: readonly EnvironmentConfig[]): string {
  const revisions = new Set(environments.map((environment) => environment.argocd.targetRevision));
  return revisions.size === 1 ? [...revisions][0] : 'HEAD';
}
