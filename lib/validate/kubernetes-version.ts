/** A Kubernetes minor release, the unit in which APIs are added and removed. */
export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
}

/** The version validated against when none is given: the one cdk8s-plus-27 targets. */
export const DEFAULT_KUBERNETES_VERSION = '1.27';

const VERSION = /^v?(\d+)\.(\d+)(?:\.\d+)?$/;

/**
 * Parses `1.27`, `v1.27` or `1.27.3` (the patch level does not change which APIs are served).
 * @throws Error naming the value and the accepted shapes.
 */
export function parseKubernetesVersion(text: string): KubernetesVersion {
  const match = VERSION.exec(text.trim());
  if (!match) {
    throw new Error(`invalid Kubernetes version "${text}": use MAJOR.MINOR, e.g. 1.27 (a leading v and a patch level are accepted)`);
  }
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** `1.27` */
export function formatVersion(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}
