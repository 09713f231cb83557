/**
 * Where things are in a document: a second js-yaml pass with a listener records where each map key
 * and sequence item starts, so a JSON pointer can be turned into a line, and every key written twice
 * in one mapping can be reported (js-yaml itself stops at the first).
 */
import * as jsyaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from './kubernetes-yaml';
import { appendPointer, parsePointer } from './pointer';
import type { DocumentSource } from './split-documents';

/** A position in a file, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Maps a JSON pointer inside one document to its position in the file. */
export type PointerLocator = (pointer: string) => SourcePosition;

/** A key written more than once in the same mapping; the last one is the value Kubernetes keeps. */
export interface DuplicateKey {
  /** The key as Kubernetes reads it (`on` and `yes` are both `true`). */
  readonly key: string;
  /** JSON pointer of the mapping that repeats it. */
  readonly mapping: string;
  /** Where the repeated (later) occurrence is. */
  readonly line: number;
  readonly column: number;
}

/** A node seen by the listener; `entries` or `items` once it is known to be a mapping or a sequence. */
interface NodeFrame {
  readonly line: number;
  readonly column: number;
  children: NodeFrame[];
  isKey: boolean;
  keyText: string;
  entries?: Map<string, { key: NodeFrame; value: NodeFrame | undefined }>;
  items?: NodeFrame[];
  /** The mapping or sequence read, to recognise a node that only wraps another (see close()). */
  collection?: unknown;
  repeated?: NodeFrame[];
}

/** What the located pass learns about a document. */
export interface LocatedDocument {
  /** The document's value, the last of each repeated key winning (as in sigs.k8s.io/yaml). */
  readonly value: unknown;
  readonly locate: PointerLocator;
  /** In document order. */
  readonly duplicateKeys: readonly DuplicateKey[];
}

/**
 * Parses one document with positions. Used only for documents that have something to report or that
 * repeat a key: it is about half as fast as a plain parse.
 * @throws jsyaml.YAMLException for a syntax error.
 */
export function locateDocument(source: DocumentSource): LocatedDocument {
  const stack: NodeFrame[] = [{ line: 0, column: 0, children: [], isKey: false, keyText: '' }];
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      stack.push({ line: state.line, column: state.position - state.lineStart, children: [], isKey: false, keyText: '' });
      return;
    }
    const frame = stack.pop()!;
    close(frame, state);
    stack[stack.length - 1].children.push(frame);
  };
  const value = jsyaml.load(source.text, { schema: KUBERNETES_YAML_SCHEMA, json: true, listener } as jsyaml.LoadOptions);
  const root = stack[0].children[0];
  const toFile = (frame: NodeFrame): SourcePosition => ({ line: frame.line + source.firstLine, column: frame.column + 1 });
  const fallback: SourcePosition = { line: source.contentLine, column: 1 };
  const duplicateKeys: DuplicateKey[] = [];
  if (root !== undefined) collectDuplicates(root, '', (key, mapping, frame) => duplicateKeys.push({ key, mapping, ...toFile(frame) }));
  duplicateKeys.sort((a, b) => a.line - b.line || a.column - b.column);
  const locate: PointerLocator = (pointer) => {
    let node: NodeFrame | undefined = root;
    let position = fallback;
    for (const segment of parsePointer(pointer)) {
      const child: ReturnType<typeof childOf> = node === undefined ? undefined : childOf(node, segment);
      if (child === undefined) break;
      position = toFile(child.anchor);
      node = child.value;
    }
    return position;
  };
  return { value, locate, duplicateKeys };
}

/** The parts of js-yaml's parser state a listener reads. */
interface ListenerState {
  readonly line: number;
  readonly position: number;
  readonly lineStart: number;
  readonly kind: string | null;
  readonly result: unknown;
  readonly input: string;
}

/**
 * Finishes a node: a mapping pairs its children into keys and values, a sequence keeps them as
 * items. A child is a key when `:` follows it on its line, which is how the parser itself decides.
 * Other nodes drop their children (a scalar read through a tentative block mapping has one).
 */
function close(frame: NodeFrame, state: ListenerState): void {
  frame.isKey = followedByColon(state.input, state.position);
  if (frame.isKey) frame.keyText = String(state.result);
  const only = frame.children.length === 1 ? frame.children[0] : undefined;
  if (only !== undefined && only.collection !== undefined && only.collection === state.result) {
    // The parser tried a block mapping, read a flow collection as its first key, found no `:` and kept
    // it: this node is the collection.
    frame.entries = only.entries;
    frame.items = only.items;
    frame.repeated = only.repeated;
  } else if (state.kind === 'mapping') {
    const entries = new Map<string, { key: NodeFrame; value: NodeFrame | undefined }>();
    let pending: NodeFrame | undefined;
    const store = (key: NodeFrame, value: NodeFrame | undefined): void => {
      if (entries.has(key.keyText) && key.keyText !== '<<') (frame.repeated ??= []).push(key);
      entries.set(key.keyText, { key, value });
    };
    for (const child of frame.children) {
      if (child.isKey) {
        if (pending) store(pending, undefined);
        pending = child;
      } else if (pending) {
        store(pending, child);
        pending = undefined;
      }
    }
    if (pending) store(pending, undefined);
    frame.entries = entries;
  } else if (state.kind === 'sequence') {
    frame.items = frame.children;
  }
  if (state.kind === 'mapping' || state.kind === 'sequence') frame.collection = state.result;
  frame.children = [];
}

function followedByColon(input: string, position: number): boolean {
  let i = position;
  while (input.charCodeAt(i) === 0x20 || input.charCodeAt(i) === 0x09) i++;
  return input.charCodeAt(i) === 0x3a;
}

function childOf(node: NodeFrame, segment: string): { anchor: NodeFrame; value: NodeFrame | undefined } | undefined {
  if (node.entries) {
    const entry = node.entries.get(segment);
    return entry && { anchor: entry.key, value: entry.value };
  }
  if (node.items && /^\d+$/.test(segment)) {
    const item = node.items[Number(segment)];
    return item && { anchor: item, value: item };
  }
  return undefined;
}

function collectDuplicates(node: NodeFrame, pointer: string, report: (key: string, mapping: string, frame: NodeFrame) => void): void {
  for (const key of node.repeated ?? []) report(key.keyText, pointer, key);
  for (const [key, entry] of node.entries ?? []) if (entry.value) collectDuplicates(entry.value, appendPointer(pointer, key), report);
  (node.items ?? []).forEach((item, index) => collectDuplicates(item, appendPointer(pointer, index), report));
}
