import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion, type KubernetesVersion } from './kubernetes-version';

/** How resources are validated. */
export interface ValidateOptions {
  /** APIs removed by this release are invalid; deprecated ones warn. @default 1.27 */
  readonly kubernetesVersion: KubernetesVersion;
  /** Unknown fields are invalid. @default true */
  readonly strict: boolean;
  /** Kinds without a schema are skipped instead of errors. @default false */
  readonly ignoreMissingSchemas: boolean;
  /** Kinds to skip, as `Kind` or `apiVersion/Kind` (e.g. `apps/v1/Deployment`). @default [] */
  readonly skipKinds: readonly string[];
  /** Kinds that are errors wherever they appear, same forms as `skipKinds`. @default [] */
  readonly rejectKinds: readonly string[];
  /** Schema locations, as kubeconform's `-schema-location` (repeatable; `default` is the bundled schemas). @default [] */
  readonly schemaLocations: readonly string[];
  /** CustomResourceDefinition files whose schemas validate their custom resources (`--crd`, repeatable). @default [] */
  readonly crds: readonly string[];
}

/** Fills in the defaults of {@link ValidateOptions}. */
export function resolveOptions(options: Partial<ValidateOptions> = {}): ValidateOptions {
  return {
    kubernetesVersion: options.kubernetesVersion ?? parseKubernetesVersion(DEFAULT_KUBERNETES_VERSION),
    strict: options.strict ?? true,
    ignoreMissingSchemas: options.ignoreMissingSchemas ?? false,
    skipKinds: options.skipKinds ?? [],
    rejectKinds: options.rejectKinds ?? [],
    schemaLocations: options.schemaLocations ?? [],
    crds: options.crds ?? [],
  };
}

/** Splits a comma list of kinds (`--skip a,b`), dropping blanks. */
export function parseKindList(text: string): string[] {
  return text
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind !== '');
}

/** Whether `Kind` or `apiVersion/Kind` of a resource is in a kind list. */
export function kindListed(list: readonly string[], apiVersion: string, kind: string): boolean {
  return list.includes(kind) || list.includes(`${apiVersion}/${kind}`);
}
