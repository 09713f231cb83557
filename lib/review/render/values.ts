import { stringify } from 'yaml';
import { countDifferences, type DiffCounts, type ReviewDiff } from '../diff';

/** Helpers shared by the renderers: how a value and a summary are written. */

/**
 * A value on one line, YAML flow style so `3` and `"3"` stay apart and mappings read naturally:
 * `{ name: LOG_LEVEL, value: debug }`. Strings with line breaks are written JSON-escaped.
 */
export function inlineValue(value: unknown): string {
  if (typeof value === 'string' && /[\r\n]/.test(value)) return JSON.stringify(value);
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0, blockQuote: false }).trimEnd();
}

/** A value as block YAML lines (for added mappings and lists in the terminal); scalars give one line. */
export function blockValue(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [inlineValue(value)];
  return stringify(value, { lineWidth: 0 }).trimEnd().split('\n');
}

/** Totals over all environments. */
export function totalCounts(diff: ReviewDiff): DiffCounts {
  const total: DiffCounts = { added: 0, removed: 0, changed: 0, renamed: 0 };
  for (const environment of diff.environments) {
    const counts = countDifferences(environment);
    total.added += counts.added;
    total.removed += counts.removed;
    total.changed += counts.changed;
    total.renamed += counts.renamed;
  }
  return total;
}

/** `3 added, 1 changed` (zero counts left out); `no differences` when all are zero. */
export function describeCounts(counts: DiffCounts): string {
  const parts = (['added', 'removed', 'changed', 'renamed'] as const)
    .filter((category) => counts[category] > 0)
    .map((category) => `${counts[category]} ${category}`);
  return parts.length === 0 ? 'no differences' : parts.join(', ');
}

/** The closing line of every human-readable report. */
export function summaryLine(diff: ReviewDiff): string {
  const total = diff.environments.length;
  const differing = diff.environments.filter((environment) => environment.status !== 'unchanged').length;
  const noun = total === 1 ? 'environment' : 'environments';
  if (differing === 0) return `no differences in ${total} ${noun}`;
  return `${differing} of ${total} ${noun} ${differing === 1 ? 'differs' : 'differ'}: ${describeCounts(totalCounts(diff))}`;
}
