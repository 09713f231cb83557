/**
 * Review of synthesized manifests: resource identity, the semantic diff of two dist/ snapshots
 * (from a git revision or a folder), its text/markdown/json reports, and the blue/green and canary release edits.
 */
export { diffSnapshots, hasDifferences, countDifferences, type ChangedResource, type DiffCounts, type EnvironmentDiff, type MovedResource, type ReviewDiff } from './diff';
export { diffFields, IDENTIFYING_FIELDS, sameValue, type FieldChange } from './field-diff';
export { formatPath, type PathSegment } from './field-path';
export { GitError, readGitSnapshot, resolveBase, type BaseRevision } from './git';
export { describeIdentity, identityOf, type ResourceIdentity } from './identity';
export { RENAME_SIMILARITY, type RenamedResource } from './rename';
export { REPORT_FORMATS, renderReview, UnknownFormatError, type ReportFormat } from './render';
export { type CanaryState } from './canary-release';
export { blueGreenState, promote, promoteIdleColor, releaseImage, ReleaseError, releaseState, rollback, rollbackActiveColor, type EnvironmentSource, type ReleaseState } from './release';
export { runReleaseStep, type ReleaseStepOptions, type ReleaseStepResult } from './release-flow';
export { reviewDist, type ReviewOptions } from './review';
export { readFolderSnapshot, snapshotFromFiles, SnapshotError, type Resource, type Snapshot } from './snapshot';
export { setScalar, YamlEditError } from './yaml-edit';
