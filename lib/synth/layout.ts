/** The identity fields of a rendered Kubernetes object that decide where it is written. */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/**
 * File name of an object inside its chart's folder: `<kind>[.<group>]_<name>.yaml`, like kubectl's
 * `deployments.apps/api` spelling, so two kinds that share a name in different API groups cannot
 * collide. An object outside the chart's own namespace is prefixed with its namespace. Names are
 * DNS subdomains and never contain "_", so the parts cannot run into each other.
 */
export function objectFileName(object: ObjectIdentity, chartNamespace: string | undefined): string {
  const slash = object.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : `.${object.apiVersion.slice(0, slash)}`;
  const namespace = object.metadata.namespace;
  const prefix = namespace !== undefined && namespace !== chartNamespace ? `${namespace}_` : '';
  return `${prefix}${object.kind.toLowerCase()}${group}_${object.metadata.name}.yaml`;
}
