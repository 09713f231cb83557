import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion, type KubernetesVersion } from './kubernetes-version';

/** How resources are validated. */
export interface ValidateOptions {
  /**
   * The release whose schema set is used (fields and kinds it lacks are problems) and whose removed
   * APIs are invalid (deprecated ones warn). @default {@link DEFAULT_KUBERNETES_VERSION}
   */
  readonly kubernetesVersion: KubernetesVersion;
  /** Unknown fields are invalid. @default true */
  readonly strict: boolean;
  /** Kinds without a schema are skipped instead of errors. @default false */
  readonly ignoreMissingSchemas: boolean;
  /** Kinds to skip, as `Kind` or `apiVersion/Kind` (e.g. `apps/v1/Deployment`). @default [] */
  readonly skipKinds: readonly string[];
  /** Kinds that are errors wherever they appear, same forms as `skipKinds`. @default [] */
  readonly rejectKinds: readonly string[];
  /**
   * kubeconform's schema locations, searched in order: `default` (the built-in schemas), a folder
   * laid out like kubernetes-json-schema, or a file template such as
   * `schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json`. @default [] (the built-in schemas)
   */
  readonly schemaLocations: readonly string[];
  /** Files or folders of CustomResourceDefinition manifests whose custom resources can be validated; searched first. @default [] */
  readonly crdPaths: readonly string[];
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
    crdPaths: options.crdPaths ?? [],
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
