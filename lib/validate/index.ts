/**
 * Offline strict schema validation of Kubernetes manifests, in the manner of kubeconform: schemas
 * from the kubernetes-models packages, unknown fields as errors, API removals per Kubernetes
 * version, and kubeconform's five statuses.
 */
export { API_REMOVALS, apiLifecycle, type ApiLifecycle, type ApiRemoval } from './api-removals';
export { DEFAULT_KUBERNETES_VERSION, formatVersion, parseKubernetesVersion, type KubernetesVersion } from './kubernetes-version';
export { parseKindList, resolveOptions, type ValidateOptions } from './options';
export { resourceId, SummaryCounter, ValidationReport, type FileResults, type Finding, type ResourceResult, type ResourceStatus, type ValidationSummary } from './result';
export { RULES, type RuleId } from './rules';
export { SchemaCatalog, SCHEMA_PACKAGES } from './schema-catalog';
export { validateFiles, validateManifests, Validator } from './validator';
