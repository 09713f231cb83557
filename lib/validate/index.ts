/**
 * Offline strict schema validation of Kubernetes manifests, in the manner of kubeconform: schemas
 * per Kubernetes release from the kubernetes-models packages, from CRD manifests and from schema
 * locations; unknown fields as errors, API removals per Kubernetes version, and kubeconform's five
 * statuses.
 */
export { API_REMOVALS, apiLifecycle, type ApiLifecycle, type ApiRemoval } from './api-removals';
export { CrdSchemas, readCrdFiles, SchemaSourceError } from './crd-schemas';
export {
  compareVersions,
  DEFAULT_KUBERNETES_VERSION,
  formatVersion,
  LATEST_KUBERNETES_VERSION,
  parseKubernetesVersion,
  resolveKubernetesVersion,
  SCHEMA_SETS,
  supportedVersions,
  type KubernetesVersion,
} from './kubernetes-version';
export { parseKindList, resolveOptions, type ValidateOptions } from './options';
export { resourceId, SummaryCounter, ValidationReport, type FileResults, type Finding, type ResourceResult, type ResourceStatus, type ValidationSummary } from './result';
export { RULES, type RuleId } from './rules';
export { BUILTIN_CRD_FOLDER, CUSTOM_RESOURCE_PACKAGES, SchemaCatalog, type KindSchema } from './schema-catalog';
export { parseSchemaLocation } from './schema-location';
export { validateFiles, validateManifests, Validator } from './validator';
