import { ApiObject, type Chart } from 'cdk8s';

/** The annotation by which Argo CD orders the apply of one sync. */
export const syncWaveAnnotation = 'argocd.argoproj.io/sync-wave';

/**
 * Argo CD applies wave by wave and waits for each wave to be healthy before the next. Hence:
 * the namespace and its guard rails, identities and configuration first; workloads next; what routes
 * traffic to them or scales them last. In a blue/green flip the target color's Deployment (wave 1)
 * is therefore healthy before the Service selector (wave 2) moves to it.
 */
const wavesByKind: Record<string, number> = {
  Namespace: -1,
  ResourceQuota: 0,
  LimitRange: 0,
  NetworkPolicy: 0,
  ServiceAccount: 0,
  Role: 0,
  RoleBinding: 0,
  ConfigMap: 0,
  ExternalSecret: 0,
  Deployment: 1,
  CronJob: 1,
  Service: 2,
  Ingress: 2,
  HorizontalPodAutoscaler: 2,
  PodDisruptionBudget: 2,
  ServiceMonitor: 2,
  PodMonitor: 2,
  PrometheusRule: 2,
};

/**
 * API groups whose kinds share a wave. Gatekeeper's templates go with the Namespace, so that
 * Gatekeeper has made the constraint kinds by wave 0, where the constraints go: in force before the
 * workloads of wave 1 are admitted.
 */
const wavesByGroup: Record<string, number> = {
  'templates.gatekeeper.sh': -1,
  'constraints.gatekeeper.sh': 0,
};

/** The wave of a kind; unknown kinds go with the workloads, which is Argo CD's neutral middle. */
export function syncWaveOf(kind: string, apiVersion = ''): number {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return wavesByGroup[group] ?? wavesByKind[kind] ?? 1;
}

/** Annotates every object of `chart` with its sync wave. */
export function addSyncWaves(chart: Chart): void {
  for (const object of chart.node.findAll()) {
    if (object instanceof ApiObject) object.metadata.addAnnotation(syncWaveAnnotation, String(syncWaveOf(object.kind, object.apiVersion)));
  }
}
