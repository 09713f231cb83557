import type * as Yaml from 'yaml';
import { parsePointer } from './pointer';
import type { DocumentSource } from './split-documents';

/** A position in a file, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Maps a JSON pointer inside one document to its position in the file. */
export type PointerLocator = (pointer: string) => SourcePosition;

/**
 * Builds a locator for one document with the `yaml` Document API. It parses the document again, so
 * callers build it only for documents that have something to report (parsing for values uses the
 * much faster js-yaml).
 *
 * A pointer to a map entry gives the entry's key; a pointer that does not exist (a missing required
 * field) gives the deepest part of it that does.
 */
export function createPointerLocator(source: DocumentSource): PointerLocator {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter, uniqueKeys: false, strict: false });
  const toFile = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + source.firstLine - 1, column: col };
  };
  const fallback: SourcePosition = { line: source.contentLine, column: 1 };
  return (pointer) => {
    let node: unknown = document.contents;
    let position = offsetOf(node) === undefined ? fallback : toFile(offsetOf(node) as number);
    for (const segment of parsePointer(pointer)) {
      const child = childOf(node, segment);
      if (child === undefined) break;
      const offset = offsetOf(child.anchor);
      if (offset !== undefined) position = toFile(offset);
      node = child.value;
    }
    return position;
  };
}

let yamlModule: typeof Yaml | undefined;

/** `yaml` takes ~150 ms to load and runs without findings never need it, so it is loaded on first use. */
function yaml(): typeof Yaml {
  yamlModule ??= require('yaml') as typeof Yaml;
  return yamlModule;
}

/** The node a segment leads to, and the node whose position names it (a map entry's key). */
function childOf(node: unknown, segment: string): { anchor: unknown; value: unknown } | undefined {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
    return pair && { anchor: pair.key, value: pair.value };
  }
  if (isSeq(node) && /^\d+$/.test(segment)) {
    const item = node.items[Number(segment)];
    return item === undefined ? undefined : { anchor: item, value: item };
  }
  return undefined;
}

function offsetOf(node: unknown): number | undefined {
  return (node as Yaml.Node | null | undefined)?.range?.[0];
}
