/**
 * Reading Kubernetes manifests: multi-document YAML or JSON files into `{file, index, line, object}`
 * records, read as the API server reads YAML (YAML 1.1 scalars through go-yaml v2's rules), with a
 * JSON pointer → line lookup and `kind: List` expansion. Free of validation logic; shared by the
 * schema validator and the policy runner.
 */
export {
  describeFsError,
  discoverManifestFiles,
  findManifestFiles,
  MANIFEST_EXTENSIONS,
  ManifestInputError,
  parseManifests,
  readManifestFiles,
  readManifests,
  type DiscoveredPath,
  type DiscoveryOptions,
  type ManifestFileRead,
  type ManifestSet,
} from './files';
export { KUBERNETES_YAML_SCHEMA } from './kubernetes-yaml';
export { expandList, isResourceList } from './lists';
export type { DuplicateKey, PointerLocator, SourcePosition } from './locate';
export { ManifestDocument, parseManifest, type ManifestParseError } from './parse';
export { appendPointer, parsePointer } from './pointer';
export { splitDocuments, type DocumentSource } from './split-documents';
