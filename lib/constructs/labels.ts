import type { Color } from '../config';

/** Label keys the platform promises on every object it writes (policies check them). */
export const labelKeys = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  version: 'app.kubernetes.io/version',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  environment: 'environment',
  color: 'color',
} as const;

/** Who an object belongs to; `name` is the service (or platform-wide concern such as "backup"). */
export interface LabelIdentity {
  readonly name: string;
  readonly component: string;
  readonly partOf: string;
  readonly environment: string;
  /** The running version, usually the image tag; omitted for objects that have none. */
  readonly version?: string;
  readonly color?: Color;
}

/** The labels that select a service's pods; with a color, only that color's pods. */
export function selectorLabels(identity: Pick<LabelIdentity, 'name' | 'environment' | 'color'>): Record<string, string> {
  const labels: Record<string, string> = {
    [labelKeys.name]: identity.name,
    [labelKeys.instance]: `${identity.name}-${identity.environment}`,
  };
  if (identity.color) labels[labelKeys.color] = identity.color;
  return labels;
}

/** Kubernetes' recommended labels plus the environment (and color for blue/green objects). */
export function recommendedLabels(identity: LabelIdentity): Record<string, string> {
  const labels: Record<string, string> = {
    ...selectorLabels(identity),
    [labelKeys.component]: identity.component,
    [labelKeys.partOf]: identity.partOf,
    [labelKeys.managedBy]: 'cdk8s',
    [labelKeys.environment]: identity.environment,
  };
  if (identity.version) labels[labelKeys.version] = identity.version;
  return labels;
}

/** The tag of an image reference (`registry/repo:tag@sha256:…` → `tag`), used as the version label. */
export function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0];
  return withoutDigest.slice(withoutDigest.lastIndexOf(':') + 1);
}
