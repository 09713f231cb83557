/**
 * Where things are in a document: a second js-yaml pass with a listener records where each map key
 * and sequence item starts, so a JSON pointer can be turned into a line, and every key written twice
 * in one mapping can be reported (js-yaml itself stops at the first).
 */
import * as jsyaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA, plainKeyText } from './kubernetes-yaml';
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

/**
 * A node seen by the listener; `entries` or `items` once it is known to be a mapping or a sequence.
 * A class with every field set in the constructor: one object shape keeps the listener fast.
 */
class NodeFrame {
  /** Nodes closed inside this one, until it closes. */
  children: NodeFrame[] | undefined = undefined;
  isKey = false;
  keyText = '';
  entries: Map<string, { key: NodeFrame; value: NodeFrame | undefined }> | undefined = undefined;
  items: NodeFrame[] | undefined = undefined;
  /** The mapping or sequence read, to recognise a node that only wraps another (see close()). */
  collection: unknown = undefined;
  repeated: NodeFrame[] | undefined = undefined;

  constructor(
    readonly line: number,
    readonly column: number,
  ) {}
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
 * repeat a key. With `values: false` (positions only) scalars are not typed, which is faster, and
 * `value` holds their text; keys are still read as Kubernetes reads them.
 * @throws jsyaml.YAMLException for a syntax error.
 */
export function locateDocument(source: DocumentSource, { values = true }: { values?: boolean } = {}): LocatedDocument {
  const stack: NodeFrame[] = [new NodeFrame(0, 0)];
  let repeats = false;
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      stack.push(new NodeFrame(state.line, state.position - state.lineStart));
      return;
    }
    const frame = stack.pop()!;
    close(frame, state);
    if (frame.repeated !== undefined) repeats = true;
    const parent = stack[stack.length - 1];
    if (parent.children === undefined) parent.children = [frame];
    else parent.children.push(frame);
  };
  const schema = values ? KUBERNETES_YAML_SCHEMA : jsyaml.FAILSAFE_SCHEMA;
  const value = jsyaml.load(source.text, { schema, json: true, listener } as jsyaml.LoadOptions);
  const root = stack[0].children?.[0];
  const toFile = (frame: NodeFrame): SourcePosition => ({ line: frame.line + source.firstLine, column: frame.column + 1 });
  const fallback: SourcePosition = { line: source.contentLine, column: 1 };
  const duplicateKeys: DuplicateKey[] = [];
  if (root !== undefined && repeats) collectDuplicates(root, '', (key, mapping, frame) => duplicateKeys.push({ key, mapping, ...toFile(frame) }));
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
  if (frame.isKey) frame.keyText = keyText(frame, state);
  const children = frame.children ?? [];
  frame.children = undefined;
  const only = children.length === 1 ? children[0] : undefined;
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
    for (const child of children) {
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
    frame.items = children;
  }
  if (state.kind === 'mapping' || state.kind === 'sequence') frame.collection = state.result;
}

/**
 * A key as Kubernetes reads it. Untyped (positions-only) reading leaves `on` the text "on"; the
 * JSON key is "true" unless the key was quoted.
 */
function keyText(frame: NodeFrame, state: ListenerState): string {
  const text = String(state.result);
  if (typeof state.result !== 'string') return text;
  const first = state.input.charCodeAt(state.lineStart + frame.column);
  return first === 0x22 || first === 0x27 ? text : plainKeyText(text);
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
