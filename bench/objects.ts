import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';

/** A parsed Kubernetes object, as far as identity goes. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** apiVersion/kind/namespace/name: what makes two objects "the same object" in a cluster. */
export function objectIdentity(object: KubeObject): string {
  return `${object.apiVersion}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** Every object of a multi-document YAML stream, in order; empty documents are skipped. */
export function parseObjects(text: string, source: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) throw new Error(`${source}: ${document.errors[0].message}`);
    const value = document.toJS() as KubeObject | null;
    if (value !== null) objects.push(value);
  }
  return objects;
}

/**
 * Differences between two sets of objects, compared by identity and deep equality ignoring key
 * order: missing, unexpected and different objects (with the first differing JSON path). Sorted.
 */
export function compareObjectSets(expected: readonly KubeObject[], actual: readonly KubeObject[]): string[] {
  const byIdentity = (objects: readonly KubeObject[]) => new Map(objects.map((object) => [objectIdentity(object), object]));
  const want = byIdentity(expected);
  const got = byIdentity(actual);
  const differences: string[] = [];
  if (want.size !== expected.length) differences.push(`expected set holds ${expected.length - want.size} duplicate identities`);
  if (got.size !== actual.length) differences.push(`actual set holds ${actual.length - got.size} duplicate identities`);
  for (const [identity, object] of want) {
    const other = got.get(identity);
    if (other === undefined) differences.push(`${identity}: missing`);
    else if (!isDeepStrictEqual(object, other)) differences.push(`${identity}: differs at ${firstDifference(object, other, '')}`);
  }
  for (const identity of got.keys()) {
    if (!want.has(identity)) differences.push(`${identity}: unexpected`);
  }
  return differences.sort();
}

/** JSON pointer of the first place where `a` and `b` differ, with both values. */
function firstDifference(a: unknown, b: unknown, path: string): string {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const left = (a as Record<string, unknown>)[key];
      const right = (b as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(left, right)) return firstDifference(left, right, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  }
  return `${path || '/'} (${JSON.stringify(a)} vs ${JSON.stringify(b)})`;
}
