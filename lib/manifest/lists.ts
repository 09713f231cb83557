/**
 * `kind: List` documents (what `kubectl get -o yaml` prints) and typed lists such as `ConfigMapList`:
 * kubectl applies their items one by one, so each item is a resource of its own.
 */
import type { DuplicateKey } from './locate';
import type { ManifestDocument } from './parse';

/** Whether a parsed document is a list whose items are resources: `kind` is `List` or ends in `List`, and `items` is an array. */
export function isResourceList(object: unknown): object is { kind: string; items: unknown[] } {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return false;
  const { kind, items } = object as { kind?: unknown; items?: unknown };
  return typeof kind === 'string' && (kind.toLowerCase() === 'list' || kind.endsWith('List')) && Array.isArray(items);
}

/**
 * A document as the resources it holds: a list becomes its items (each keeping the list's file and
 * document index, with its own item index and lines); anything else is returned as it is. A key
 * repeated outside `items` is reported with the first item.
 */
export function expandList(document: ManifestDocument): ManifestDocument[] {
  const object = document.object;
  if (document.error !== undefined || !isResourceList(object)) return [document];
  return object.items.map((item, index) => document.itemDocument(index, item, duplicatesOf(document.duplicateKeys, index)));
}

function duplicatesOf(duplicates: readonly DuplicateKey[], item: number): DuplicateKey[] {
  const prefix = `/items/${item}`;
  const found: DuplicateKey[] = [];
  for (const duplicate of duplicates) {
    if (duplicate.mapping === prefix || duplicate.mapping.startsWith(`${prefix}/`)) found.push({ ...duplicate, mapping: duplicate.mapping.slice(prefix.length) });
    else if (item === 0 && !duplicate.mapping.startsWith('/items/')) found.push(duplicate);
  }
  return found;
}
