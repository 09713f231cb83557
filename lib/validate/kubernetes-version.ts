/** A Kubernetes minor release, the unit in which APIs are added and removed. */
export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
  /** The patch level as given (`1.33.2`); it does not change which APIs are served. */
  readonly patch?: number;
  /** Set when the version was asked for as `master` or `latest`. */
  readonly alias?: 'latest' | 'master';
}

/** Where the schemas of one Kubernetes release come from. */
export interface SchemaSet {
  readonly version: string;
  /** The kubernetes-models package whose validators are used. */
  readonly packageName: string;
  /**
   * For a release without a package of its own: the release whose package it borrows, narrowed and
   * extended by the kinds and fields the two releases' APIs differ in (schema-deltas/<version>.json).
   */
  readonly borrowsFrom?: string;
}

/**
 * The Kubernetes releases with schemas, oldest first. kubernetes-models publishes one CommonJS
 * package per few Kubernetes minors (4.4.2 is 1.27, 4.5.1 is 1.33); every other release uses 1.33's
 * validators with that release's own kinds and fields (schema-deltas/<version>.json, written by
 * `npm run schemas:deltas` from packages generated from that release's OpenAPI document:
 * @kubernetes/client-node for 1.28, 1.29, 1.30, 1.32, 1.34 and 1.36, cdk8s-plus-31 for 1.31,
 * @pulumi/kubernetes for 1.35). Fields and kinds newer than 1.33 carry schemas of their own there.
 * kubernetes-models 5.x (Kubernetes 1.36) is ESM and declares Node 22, which this project does not
 * require, so it is read only by that script.
 */
export const SCHEMA_SETS: readonly SchemaSet[] = [
  { version: '1.27', packageName: 'kubernetes-models-1.27' },
  ...['1.28', '1.29', '1.30', '1.31', '1.32'].map((version) => ({ version, packageName: 'kubernetes-models', borrowsFrom: '1.33' })),
  { version: '1.33', packageName: 'kubernetes-models' },
  ...['1.34', '1.35', '1.36'].map((version) => ({ version, packageName: 'kubernetes-models', borrowsFrom: '1.33' })),
];

/** What `master` and `latest` stand for: the newest release with a schema set. */
export const LATEST_KUBERNETES_VERSION = SCHEMA_SETS[SCHEMA_SETS.length - 1].version;

/**
 * The version validated against when neither the command line nor an environment names one: 1.35,
 * supported upstream until 2027-02-28 (1.34's support ended on 2026-10-27).
 */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/;

/**
 * Parses `1.27`, `v1.27` or `1.27.3` (the patch level does not change which APIs are served).
 * @throws Error naming the value and the accepted shapes.
 */
export function parseKubernetesVersion(text: string): KubernetesVersion {
  const match = VERSION.exec(text.trim());
  if (!match) {
    throw new Error(`invalid Kubernetes version "${text}": use MAJOR.MINOR, e.g. 1.27 (a leading v and a patch level are accepted)`);
  }
  const version = { major: Number(match[1]), minor: Number(match[2]) };
  return match[3] === undefined ? version : { ...version, patch: Number(match[3]) };
}

/**
 * Parses a version the validator has schemas for: a release of {@link SCHEMA_SETS} (any patch
 * level), or `master`/`latest` for the newest one.
 * @throws Error listing the supported versions.
 */
export function resolveKubernetesVersion(text: string): KubernetesVersion {
  const trimmed = text.trim();
  if (trimmed === 'master' || trimmed === 'latest') return { ...parseKubernetesVersion(LATEST_KUBERNETES_VERSION), alias: trimmed };
  const version = parseKubernetesVersion(trimmed);
  schemaSetFor(version);
  return version;
}

/**
 * The schema set of a release.
 * @throws Error listing the supported versions when the release has none.
 */
export function schemaSetFor(version: KubernetesVersion): SchemaSet {
  const set = SCHEMA_SETS.find((candidate) => candidate.version === formatVersion(version));
  if (set === undefined) {
    throw new Error(
      `no schemas for Kubernetes ${formatVersion(version)}: supported versions are ${supportedVersions()} (master and latest mean ${LATEST_KUBERNETES_VERSION})`,
    );
  }
  return set;
}

/** "1.27, 1.28, …" */
export function supportedVersions(): string {
  return SCHEMA_SETS.map((set) => set.version).join(', ');
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** `1.27` */
export function formatVersion(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}

/** kubeconform's `{{ .NormalizedKubernetesVersion }}`: `master`, or `v` and the full version (`v1.27.0`). */
export function normalizedKubernetesVersion(version: KubernetesVersion): string {
  if (version.alias !== undefined) return 'master';
  return `v${version.major}.${version.minor}.${version.patch ?? 0}`;
}
