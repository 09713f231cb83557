import { diffFields, type FieldChange } from './field-diff';
import { identityKey, type ResourceIdentity } from './identity';
import { detectRenames, type RenamedResource } from './rename';
import type { Resource, Snapshot } from './snapshot';

/**
 * The semantic diff of two dist/ snapshots: per environment (top-level folder), the resources
 * added, removed, changed and renamed, compared by identity and content, never by file text. A
 * resource written to another file with the same content is listed as moved, which is no difference.
 */

/** A resource present on both sides whose content differs. */
export interface ChangedResource {
  readonly identity: ResourceIdentity;
  readonly fileBefore: string;
  readonly fileAfter: string;
  readonly changes: readonly FieldChange[];
}

/** A resource present on both sides with equal content in another file. */
export interface MovedResource {
  readonly identity: ResourceIdentity;
  readonly fileBefore: string;
  readonly fileAfter: string;
}

/** How one environment differs. All lists are sorted by identity. */
export interface EnvironmentDiff {
  readonly environment: string;
  /** `added`/`removed`: the environment folder exists on one side only. */
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly added: readonly Resource[];
  readonly removed: readonly Resource[];
  readonly changed: readonly ChangedResource[];
  readonly renamed: readonly RenamedResource[];
  readonly moved: readonly MovedResource[];
}

/** The whole review: every environment present on either side, sorted by name. */
export interface ReviewDiff {
  readonly base: string;
  readonly head: string;
  readonly environments: readonly EnvironmentDiff[];
}

/** Differences of one environment by category; moves are not differences. */
export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
  renamed: number;
}

/**
 * Compares two snapshots. With `environments`, only those are compared (an unknown name is an
 * error the caller reports; see {@link unknownEnvironments}).
 */
export function diffSnapshots(base: Snapshot, head: Snapshot, environments?: readonly string[]): ReviewDiff {
  const names = environments ?? [...new Set([...base.environments.keys(), ...head.environments.keys()])];
  return {
    base: base.label,
    head: head.label,
    environments: [...names].sort().map((name) => diffEnvironment(name, base.environments.get(name), head.environments.get(name))),
  };
}

/** The names in `requested` that neither snapshot has as an environment, sorted. */
export function unknownEnvironments(base: Snapshot, head: Snapshot, requested: readonly string[]): string[] {
  return requested.filter((name) => !base.environments.has(name) && !head.environments.has(name)).sort();
}

/** Counts the differences of one environment. */
export function countDifferences(environment: EnvironmentDiff): DiffCounts {
  return {
    added: environment.added.length,
    removed: environment.removed.length,
    changed: environment.changed.length,
    renamed: environment.renamed.length,
  };
}

/** True when any environment differs (what `--exit-code` reports). */
export function hasDifferences(diff: ReviewDiff): boolean {
  return diff.environments.some((environment) => environment.status !== 'unchanged');
}

function diffEnvironment(
  environment: string,
  before: readonly Resource[] | undefined,
  after: readonly Resource[] | undefined,
): EnvironmentDiff {
  const beforeByKey = new Map((before ?? []).map((resource) => [identityKey(resource.identity), resource]));
  const afterByKey = new Map((after ?? []).map((resource) => [identityKey(resource.identity), resource]));
  const changed: ChangedResource[] = [];
  const moved: MovedResource[] = [];
  for (const [key, old] of beforeByKey) {
    const current = afterByKey.get(key);
    if (current === undefined) continue;
    const changes = diffFields(old.object, current.object);
    const files = { identity: current.identity, fileBefore: old.file, fileAfter: current.file };
    if (changes.length > 0) changed.push({ ...files, changes });
    else if (old.file !== current.file) moved.push(files);
  }
  const { renamed, removed, added } = detectRenames(
    [...beforeByKey].filter(([key]) => !afterByKey.has(key)).map(([, resource]) => resource),
    [...afterByKey].filter(([key]) => !beforeByKey.has(key)).map(([, resource]) => resource),
  );
  const differs = added.length + removed.length + changed.length + renamed.length > 0;
  const status = before === undefined ? 'added' : after === undefined ? 'removed' : differs ? 'changed' : 'unchanged';
  return { environment, status, added, removed, changed: changed.sort(byIdentity), renamed, moved: moved.sort(byIdentity) };
}

function byIdentity(a: { identity: ResourceIdentity }, b: { identity: ResourceIdentity }): number {
  const left = identityKey(a.identity);
  const right = identityKey(b.identity);
  return left < right ? -1 : left > right ? 1 : 0;
}
