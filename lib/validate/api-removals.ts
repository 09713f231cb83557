import { compareVersions, formatVersion, parseKubernetesVersion, type KubernetesVersion } from './kubernetes-version';

/** One deprecated API version of some kinds, from Kubernetes' deprecated API migration guide. */
export interface ApiRemoval {
  readonly apiVersion: string;
  readonly kinds: readonly string[];
  /** First release whose API server warns about it. */
  readonly deprecatedIn: string;
  /** First release that no longer serves it. */
  readonly removedIn: string;
  /** The apiVersion to move to; absent when the API was dropped without a successor. */
  readonly replacement?: string;
  /** First release serving the replacement. */
  readonly replacementSince?: string;
  /** What to do when there is no replacement. */
  readonly advice?: string;
}

/**
 * https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (sorted by removal, then
 * apiVersion): what each release stopped serving, and the replacement the guide names with the
 * release that first served it. `deprecatedIn` is the release from which the API server warns,
 * from Kubernetes' `k8s:prerelease-lifecycle-gen:deprecated` tags (zz_generated.prerelease-lifecycle.go);
 * for APIs removed before those tags existed (1.19) it is the release that announced the deprecation.
 * The guide lists nothing removed after 1.32 (checked for 1.33 to 1.35).
 */
export const API_REMOVALS: readonly ApiRemoval[] = [
  { apiVersion: 'apps/v1beta1', kinds: ['ControllerRevision', 'Deployment', 'ReplicaSet', 'StatefulSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9' },
  { apiVersion: 'apps/v1beta2', kinds: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9' },
  { apiVersion: 'extensions/v1beta1', kinds: ['DaemonSet', 'Deployment', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.8', removedIn: '1.16', replacement: 'networking.k8s.io/v1', replacementSince: '1.8' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.10', removedIn: '1.16', replacement: 'policy/v1beta1', replacementSince: '1.10' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', replacementSince: '1.16' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', replacementSince: '1.16' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: '1.10', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1', replacementSince: '1.10' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: '1.6', removedIn: '1.22', replacement: 'authentication.k8s.io/v1', replacementSince: '1.6' },
  { apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'], deprecatedIn: '1.6', removedIn: '1.22', replacement: 'authorization.k8s.io/v1', replacementSince: '1.6' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1', replacementSince: '1.19' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'coordination.k8s.io/v1', replacementSince: '1.14' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementSince: '1.19' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementSince: '1.19' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], deprecatedIn: '1.8', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', replacementSince: '1.8' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1', replacementSince: '1.14' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.19' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSINode'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.17' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.6' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttachment'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.13' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2', replacementSince: '1.23' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1', replacementSince: '1.21' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1', replacementSince: '1.21' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'events.k8s.io/v1', replacementSince: '1.19' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'node.k8s.io/v1', replacementSince: '1.20' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'policy/v1', replacementSince: '1.21' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', advice: 'enforce the Pod Security Standards with Pod Security Admission instead' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2', replacementSince: '1.23' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1beta3', replacementSince: '1.26' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1', replacementSince: '1.24' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1beta3', replacementSince: '1.26' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29' },
];

/** Whether an apiVersion/kind is served by a Kubernetes release, and what replaces it if not. */
export type ApiLifecycle =
  | { readonly state: 'served' }
  | { readonly state: 'deprecated'; readonly removal: ApiRemoval }
  | { readonly state: 'removed'; readonly removal: ApiRemoval }
  /** A successor named in the table that the release does not serve yet. */
  | { readonly state: 'not-yet-served'; readonly since: string };

const removalsByKind = indexRemovals(API_REMOVALS);
const introductionsByKind = indexIntroductions(API_REMOVALS);

/** Looks an apiVersion/kind up in {@link API_REMOVALS} for the given release. */
export function apiLifecycle(apiVersion: string, kind: string, version: KubernetesVersion): ApiLifecycle {
  const key = `${apiVersion}/${kind}`;
  const removal = removalsByKind.get(key);
  if (removal) {
    if (compareVersions(version, parseKubernetesVersion(removal.removedIn)) >= 0) return { state: 'removed', removal };
    if (compareVersions(version, parseKubernetesVersion(removal.deprecatedIn)) >= 0) return { state: 'deprecated', removal };
  }
  const since = introductionsByKind.get(key);
  if (since !== undefined && compareVersions(version, parseKubernetesVersion(since)) < 0) return { state: 'not-yet-served', since };
  return { state: 'served' };
}

/** "… was removed in Kubernetes 1.25: use policy/v1 (served since 1.21)" */
export function describeRemoval(kind: string, removal: ApiRemoval, version: KubernetesVersion): string {
  return `${removal.apiVersion} ${kind} is not served by Kubernetes ${formatVersion(version)} (removed in ${removal.removedIn}): ${advise(removal)}`;
}

/** "… is deprecated and removed in Kubernetes 1.25: use policy/v1 (served since 1.21)" */
export function describeDeprecation(kind: string, removal: ApiRemoval): string {
  return `${removal.apiVersion} ${kind} is deprecated and removed in Kubernetes ${removal.removedIn}: ${advise(removal)}`;
}

/** "autoscaling/v2 HorizontalPodAutoscaler is not served by Kubernetes 1.22 (served since 1.23)…" */
export function describeNotYetServed(apiVersion: string, kind: string, since: string, version: KubernetesVersion): string {
  return `${apiVersion} ${kind} is not served by Kubernetes ${formatVersion(version)} (served since ${since}): raise --kubernetes-version or use an older apiVersion`;
}

function advise(removal: ApiRemoval): string {
  if (removal.replacement === undefined) return removal.advice ?? 'it has no successor';
  return `use ${removal.replacement} (served since ${removal.replacementSince})`;
}

function indexRemovals(removals: readonly ApiRemoval[]): Map<string, ApiRemoval> {
  const index = new Map<string, ApiRemoval>();
  for (const removal of removals) for (const kind of removal.kinds) index.set(`${removal.apiVersion}/${kind}`, removal);
  return index;
}

/** The earliest release serving each successor; a successor that was itself replaced later keeps its first release. */
function indexIntroductions(removals: readonly ApiRemoval[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const removal of removals) {
    if (removal.replacement === undefined || removal.replacementSince === undefined) continue;
    for (const kind of removal.kinds) {
      const key = `${removal.replacement}/${kind}`;
      const known = index.get(key);
      const since = removal.replacementSince;
      if (known === undefined || compareVersions(parseKubernetesVersion(since), parseKubernetesVersion(known)) < 0) index.set(key, since);
    }
  }
  return index;
}
