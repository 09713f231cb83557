import { countDifferences, type ReviewDiff } from '../diff';
import type { FieldChange } from '../field-diff';
import { formatPath } from '../field-path';
import type { ResourceIdentity } from '../identity';
import type { Resource } from '../snapshot';
import { totalCounts } from './values';

/**
 * The machine-readable report: the diff model with identities spelled out and field paths both as
 * the printed string (`path`) and as segments (`segments`), pretty-printed, keys in a fixed order.
 */
export function renderJson(diff: ReviewDiff): string {
  const report = {
    base: diff.base,
    head: diff.head,
    differs: diff.environments.some((environment) => environment.status !== 'unchanged'),
    totals: totalCounts(diff),
    environments: diff.environments.map((environment) => ({
      environment: environment.environment,
      status: environment.status,
      counts: countDifferences(environment),
      added: environment.added.map(resourceEntry),
      removed: environment.removed.map(resourceEntry),
      changed: environment.changed.map((resource) => ({
        ...identityEntry(resource.identity),
        fileBefore: resource.fileBefore,
        fileAfter: resource.fileAfter,
        changes: resource.changes.map(changeEntry),
      })),
      renamed: environment.renamed.map((rename) => ({
        from: resourceEntry(rename.from),
        to: resourceEntry(rename.to),
        similarity: Math.round(rename.similarity * 1000) / 1000,
        changes: rename.changes.map(changeEntry),
      })),
      moved: environment.moved.map((resource) => ({
        ...identityEntry(resource.identity),
        fileBefore: resource.fileBefore,
        fileAfter: resource.fileAfter,
      })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function identityEntry(identity: ResourceIdentity): Record<string, string> {
  return { group: identity.group, kind: identity.kind, namespace: identity.namespace, name: identity.name };
}

function resourceEntry(resource: Resource): Record<string, string> {
  return { ...identityEntry(resource.identity), file: resource.file };
}

function changeEntry(change: FieldChange): Record<string, unknown> {
  return { path: formatPath(change.path), segments: change.path, kind: change.kind, before: change.before, after: change.after };
}
