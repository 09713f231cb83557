import type { EnvironmentDiff } from '../diff';
import { locateInRepository, readGitSnapshot, resolveBase } from '../git';
import type { ReviewOptions } from '../review';
import { readFolderSnapshot, type Resource, type Snapshot } from '../snapshot';

/** Both sides of a review, for sections that judge what the objects do rather than how they differ. */
export interface ReviewSides {
  readonly before: Snapshot;
  readonly after: Snapshot;
}

/** Reads dist/ at the base revision and in the working tree, as {@link reviewDist} compares them. */
export function readReviewSides(options: Pick<ReviewOptions, 'distDir' | 'base'>): ReviewSides {
  const base = resolveBase(locateInRepository(options.distDir).root, options.base);
  return { before: readGitSnapshot(options.distDir, base), after: readFolderSnapshot(options.distDir) };
}

/** Whether the environment's added, removed, changed or renamed resources include one of `kinds`. */
export function touchesKinds(environment: EnvironmentDiff, kinds: readonly string[]): boolean {
  const identities = [
    ...environment.added.map((resource) => resource.identity),
    ...environment.removed.map((resource) => resource.identity),
    ...environment.changed.map((resource) => resource.identity),
    ...environment.renamed.flatMap((rename) => [rename.from.identity, rename.to.identity]),
  ];
  return identities.some((identity) => kinds.includes(identity.kind));
}

/** The parsed objects of one environment of a snapshot (none when it has no such environment). */
export function objectsOf(snapshot: Snapshot, environment: string): unknown[] {
  return (snapshot.environments.get(environment) ?? []).map((resource: Resource) => resource.object);
}
