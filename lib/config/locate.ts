import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

/** A position in a YAML source, 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Finds where a field path sits in a parsed YAML document: a scalar value's node when it exists, the
 * key of a collection or when `atKey` is set (for unknown keys), else the nearest enclosing node that does exist (for
 * missing fields).
 */
export function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[], atKey = false): SourcePosition {
  let node: unknown = doc.contents;
  let position = positionOf(node, lines) ?? { line: 1, column: 1 };
  for (const segment of path) {
    const next = childOf(node, segment);
    if (next === undefined) break;
    // A key names a collection better than its first child does; a scalar is best shown by its value.
    const pointAtKey = isCollection(next.value) || (atKey && segment === path[path.length - 1]);
    position = positionOf(pointAtKey ? next.key : next.value, lines) ?? position;
    node = next.value;
  }
  return position;
}

function childOf(node: unknown, segment: PropertyKey): { key: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
    return pair && { key: pair.key, value: pair.value ?? pair.key };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { key: item, value: item };
  }
  return undefined;
}

function positionOf(node: unknown, lines: LineCounter): SourcePosition | undefined {
  const range = (node as Node | undefined)?.range;
  if (!range) return undefined;
  const { line, col } = lines.linePos(range[0]);
  return { line, column: col };
}
