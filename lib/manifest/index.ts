/**
 * Reading Kubernetes manifests: multi-document YAML or JSON files into `{file, index, line, object}`
 * records, with a JSON pointer → line lookup. Free of validation logic; shared by the schema
 * validator and the policy runner.
 */
export { findManifestFiles, MANIFEST_EXTENSIONS, ManifestInputError, parseManifests, readManifests, type ManifestSet } from './files';
export type { PointerLocator, SourcePosition } from './locate';
export { ManifestDocument, parseManifest, type ManifestParseError } from './parse';
export { appendPointer, parsePointer } from './pointer';
export { splitDocuments, type DocumentSource } from './split-documents';
