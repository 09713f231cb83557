/**
 * Resource identity: what makes two documents "the same Kubernetes object" for review.
 *
 * Kubernetes itself identifies an object by API group, kind, namespace and name; the version in
 * `apiVersion` is only the representation it was written in (the API server serves one object at
 * several versions). So the identity uses the group, and a version migration such as
 * `autoscaling/v2beta2` → `autoscaling/v2` shows up as a change of the `apiVersion` field rather
 * than as a removal plus an addition.
 */

/** The fields that identify a resource within one environment. */
export interface ResourceIdentity {
  /** API group: `apps`, `networking.k8s.io`; empty for the core group (`apiVersion: v1`). */
  readonly group: string;
  readonly kind: string;
  /** Empty for cluster-scoped objects and for namespaced ones written without a namespace. */
  readonly namespace: string;
  readonly name: string;
}

/**
 * Reads the identity of a parsed document; `undefined` when it is not a Kubernetes object
 * (no string `apiVersion`, `kind` and `metadata.name`).
 */
export function identityOf(object: unknown): ResourceIdentity | undefined {
  if (!isRecord(object)) return undefined;
  const { apiVersion, kind, metadata } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !isRecord(metadata)) return undefined;
  const { name, namespace } = metadata;
  if (typeof name !== 'string' || name === '') return undefined;
  return { group: apiGroup(apiVersion), kind, namespace: typeof namespace === 'string' ? namespace : '', name };
}

/** The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → ``). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** A string that is equal for equal identities, usable as a map key; it also sorts resources by kind, namespace, name. */
export function identityKey(identity: ResourceIdentity): string {
  return [identity.kind, identity.group, identity.namespace, identity.name].join('\u0000');
}

/** The identity without its name: resources of one slot are rename candidates for each other. */
export function slotKey(identity: ResourceIdentity): string {
  return [identity.kind, identity.group, identity.namespace].join('\u0000');
}

/**
 * How people name a resource, kubectl style: `Deployment.apps video-app/api`, `Service video-app/api`,
 * `ClusterRole.rbac.authorization.k8s.io reader`.
 */
export function describeIdentity(identity: ResourceIdentity): string {
  const kind = identity.group === '' ? identity.kind : `${identity.kind}.${identity.group}`;
  const name = identity.namespace === '' ? identity.name : `${identity.namespace}/${identity.name}`;
  return `${kind} ${name}`;
}

/** Orders identities by kind, group, namespace and name (the order every report lists them in). */
export function compareIdentities(a: ResourceIdentity, b: ResourceIdentity): number {
  const left = identityKey(a);
  const right = identityKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
