import { diffFields, leafCount, type FieldChange } from './field-diff';
import { identityKey, slotKey } from './identity';
import type { Resource } from './snapshot';

/**
 * Rename detection: a resource that disappeared and one that appeared, of the same kind and
 * namespace, whose contents (ignoring `metadata.name`) are at least {@link RENAME_SIMILARITY} alike,
 * are one renamed resource rather than a removal and an addition. Like git's rename detection, each
 * resource takes part in at most one rename, the most similar pairs first.
 */

/** Share of a resource's fields that must be equal for a removal and an addition to count as a rename. */
export const RENAME_SIMILARITY = 0.8;

/** A resource that changed its name, and whatever else changed with it. */
export interface RenamedResource {
  readonly from: Resource;
  readonly to: Resource;
  /** 0..1: the share of fields that are equal, `metadata.name` left out. */
  readonly similarity: number;
  /** The differences besides the name. */
  readonly changes: readonly FieldChange[];
}

/** Splits removals and additions into renames and what remains of each. */
export function detectRenames(
  removed: readonly Resource[],
  added: readonly Resource[],
): { renamed: RenamedResource[]; removed: Resource[]; added: Resource[] } {
  const candidates: RenamedResource[] = [];
  for (const from of removed) {
    for (const to of added) {
      if (slotKey(from.identity) !== slotKey(to.identity)) continue;
      const candidate = compareUnnamed(from, to);
      if (candidate.similarity >= RENAME_SIMILARITY) candidates.push(candidate);
    }
  }
  candidates.sort(
    (a, b) => b.similarity - a.similarity || byKey(a.from, b.from) || byKey(a.to, b.to),
  );
  const renamed: RenamedResource[] = [];
  const paired = new Set<Resource>();
  for (const candidate of candidates) {
    if (paired.has(candidate.from) || paired.has(candidate.to)) continue;
    paired.add(candidate.from).add(candidate.to);
    renamed.push(candidate);
  }
  renamed.sort((a, b) => byKey(a.from, b.from));
  return {
    renamed,
    removed: removed.filter((resource) => !paired.has(resource)),
    added: added.filter((resource) => !paired.has(resource)),
  };
}

function compareUnnamed(from: Resource, to: Resource): RenamedResource {
  const before = withoutName(from.object);
  const after = withoutName(to.object);
  const changes = diffFields(before, after);
  const distance = changes.reduce((sum, change) => sum + Math.max(leafCount(change.before), leafCount(change.after)), 0);
  const size = Math.max(leafCount(before), leafCount(after));
  return { from, to, similarity: size === 0 ? 1 : Math.max(0, 1 - distance / size), changes };
}

function withoutName(object: unknown): unknown {
  const { metadata, ...rest } = object as { metadata?: unknown };
  if (typeof metadata !== 'object' || metadata === null) return object;
  const { name: _name, ...otherMetadata } = metadata as Record<string, unknown>;
  return { ...rest, metadata: otherMetadata };
}

function byKey(a: Resource, b: Resource): number {
  const left = identityKey(a.identity);
  const right = identityKey(b.identity);
  return left < right ? -1 : left > right ? 1 : 0;
}
