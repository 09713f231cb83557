import type { PathSegment } from './field-path';

/**
 * Field-level comparison of two parsed resources.
 *
 * Rules (the review's contract with readers):
 * - Mappings are compared by key; key order never matters.
 * - A list of mappings is matched item by item through an identifying field when one exists: the
 *   first of {@link IDENTIFYING_FIELDS} that every item on both sides carries as a scalar that is
 *   unique within its list. So containers, env vars, ports, volumes and volume mounts are matched by
 *   `name` (falling back to `mountPath`, `containerPort`, `port`), and reordering them is no change.
 *   The exception is `initContainers`: they run one after another, so a new order is reported.
 * - Any other list of mappings is compared position by position.
 * - A list of scalars (args, verbs, hosts) is one value: any difference reports the whole list.
 * - Everything else (scalars, a value changing type) is compared as a whole; `3` and `"3"` differ.
 */

/** One difference between two versions of a resource. */
export interface FieldChange {
  readonly path: readonly PathSegment[];
  /** `reordered`: the same named items in another order, where order matters. */
  readonly kind: 'added' | 'removed' | 'changed' | 'reordered';
  /** Absent when the field was added. For `reordered`, the item names in the old order. */
  readonly before?: unknown;
  /** Absent when the field was removed. For `reordered`, the item names in the new order. */
  readonly after?: unknown;
}

/** Fields that identify an item of a list of mappings, in order of preference. */
export const IDENTIFYING_FIELDS: readonly string[] = ['name', 'mountPath', 'containerPort', 'port'];

/** Lists whose order means something even though their items are named. */
const ORDER_SENSITIVE_LISTS: ReadonlySet<string> = new Set(['initContainers']);

/** Every difference between `before` and `after`, in a deterministic order (sorted keys, then list order). */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  compare(before, after, [], changes);
  return changes;
}

/** Deep equality of parsed YAML/JSON values, ignoring key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
}

/** How many scalar leaves a value holds (an empty mapping or list counts as one); a measure of size for rename detection. */
export function leafCount(value: unknown): number {
  if (value === undefined) return 0;
  const children = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : undefined;
  if (children === undefined || children.length === 0) return 1;
  return children.reduce((sum: number, child) => sum + leafCount(child), 0);
}

function compare(before: unknown, after: unknown, path: PathSegment[], changes: FieldChange[]): void {
  if (sameValue(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) compareChild(before[key], after[key], [...path, { key }], changes);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && (before.some(isRecord) || after.some(isRecord))) {
    compareLists(before, after, path, changes);
    return;
  }
  changes.push({ path, kind: 'changed', before, after });
}

function compareChild(before: unknown, after: unknown, path: PathSegment[], changes: FieldChange[]): void {
  if (before === undefined) changes.push({ path, kind: 'added', after });
  else if (after === undefined) changes.push({ path, kind: 'removed', before });
  else compare(before, after, path, changes);
}

function compareLists(before: unknown[], after: unknown[], path: PathSegment[], changes: FieldChange[]): void {
  const field = IDENTIFYING_FIELDS.find((candidate) => identifiesItems(before, candidate) && identifiesItems(after, candidate));
  if (field === undefined) {
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      compareChild(before[index], after[index], [...path, { index }], changes);
    }
    return;
  }
  const itemKey = (item: unknown): string | number => (item as Record<string, string | number>)[field];
  const beforeByKey = new Map(before.map((item) => [itemKey(item), item]));
  const afterByKey = new Map(after.map((item) => [itemKey(item), item]));
  const last = path[path.length - 1];
  if (last !== undefined && 'key' in last && ORDER_SENSITIVE_LISTS.has(last.key)) {
    const beforeOrder = before.map(itemKey).filter((key) => afterByKey.has(key));
    const afterOrder = after.map(itemKey).filter((key) => beforeByKey.has(key));
    if (!sameValue(beforeOrder, afterOrder)) changes.push({ path, kind: 'reordered', before: beforeOrder, after: afterOrder });
  }
  // Matched items in their new order, then removed ones in their old order: the order readers see in the files.
  for (const item of after) {
    const key = itemKey(item);
    compareChild(beforeByKey.get(key), item, [...path, { field, value: key }], changes);
  }
  for (const item of before) {
    const key = itemKey(item);
    if (!afterByKey.has(key)) changes.push({ path: [...path, { field, value: key }], kind: 'removed', before: item });
  }
}

/** True when every item is a mapping with a scalar `field` that no other item of the list shares. */
function identifiesItems(items: unknown[], field: string): boolean {
  const seen = new Set<unknown>();
  for (const item of items) {
    if (!isRecord(item)) return false;
    const value = item[field];
    if ((typeof value !== 'string' && typeof value !== 'number') || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
