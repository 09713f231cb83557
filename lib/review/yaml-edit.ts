import { isMap, isPair, isScalar, parseDocument, stringify, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { sameValue } from './field-diff';

/**
 * Setting one scalar in a YAML text without touching a byte elsewhere. The yaml package's Document
 * API finds the node and its source range; the new value is spliced into the original text there.
 * (Re-stringifying the document would re-space flow collections and re-fold long lines of the whole
 * file.) A missing key is inserted into its parent mapping in the style of that mapping, and the
 * result is parsed again to prove that exactly the intended value changed.
 */

/** The edit cannot be made in place; the message names the path. */
export class YamlEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlEditError';
  }
}

/** Returns `text` with the scalar at `path` (mapping keys) set to `value`, creating missing mappings on the way. */
export function setScalar(text: string, path: readonly string[], value: string | number | boolean): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new YamlEditError(`cannot edit invalid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  const edited = splice(text, doc, path, value);
  const expected = doc.toJS() as unknown;
  assignIn(expected, path, value);
  const reparsed = parseDocument(edited);
  if (reparsed.errors.length > 0 || !sameValue(reparsed.toJS(), expected)) {
    throw new YamlEditError(`cannot set ${path.join('.')} in place without changing other values; edit it by hand`);
  }
  return edited;
}

function splice(text: string, doc: Document, path: readonly string[], value: string | number | boolean): string {
  let node: unknown = doc.contents;
  for (let depth = 0; depth < path.length; depth++) {
    if (!isMap(node)) throw new YamlEditError(`${path.slice(0, depth).join('.') || 'the document'} is not a mapping`);
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === path[depth]);
    const rest = path.slice(depth);
    if (pair === undefined) return insertPair(text, node, rest, value);
    const child = pair.value;
    if (isScalar(child) && (depth === path.length - 1 || child.value === null)) {
      // The last key's value, or an empty value (`green:`, `green: ~`) that becomes the mapping of the rest.
      const replacement = depth === path.length - 1 ? formatScalar(value, child) : flowMapping(path.slice(depth + 1), value);
      return replaceRange(text, child, replacement);
    }
    node = child;
  }
  throw new YamlEditError(`${path.join('.')} is a mapping or list, not a single value`);
}

function replaceRange(text: string, node: Scalar, replacement: string): string {
  const [start, end] = node.range as [number, number, number];
  // An empty value sits right after its key's colon: keep a space between them.
  const spaced = start === end && text[start - 1] === ':' ? ` ${replacement}` : replacement;
  return text.slice(0, start) + spaced + text.slice(end);
}

/** Adds `path[0]: <rest>` to a mapping: inside the braces of a flow mapping, as new lines of a block one. */
function insertPair(text: string, map: YAMLMap, path: readonly string[], value: string | number | boolean): string {
  const [start, end] = map.range as [number, number, number];
  if (map.flow) {
    const inner = text.slice(start + 1, text.lastIndexOf('}', end)).trim();
    const pair = `${plainKey(path[0] as string)}: ${path.length === 1 ? formatScalar(value) : flowMapping(path.slice(1), value)}`;
    return `${text.slice(0, start)}{ ${inner === '' ? pair : `${inner.replace(/,$/, '')}, ${pair}`} }${text.slice(end)}`;
  }
  const first = map.items[0] as Pair<Scalar>;
  const last = map.items[map.items.length - 1] as Pair<Scalar, Scalar | YAMLMap>;
  const keyStart = (first.key.range as [number, number, number])[0];
  const indent = ' '.repeat(keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1));
  const lastEnd = ((last.value ?? last.key).range as [number, number, number])[1];
  const lineEnd = text[lastEnd - 1] === '\n' ? lastEnd : text.indexOf('\n', lastEnd) === -1 ? text.length : text.indexOf('\n', lastEnd) + 1;
  const block = stringify(nested(path, value), { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((line) => `${indent}${line}\n`)
    .join('');
  const before = text.slice(0, lineEnd);
  return `${before}${before.endsWith('\n') ? '' : '\n'}${block}${text.slice(lineEnd)}`;
}

/** A scalar in the quoting style of the value it replaces (plain when that is safe). */
function formatScalar(value: string | number | boolean, replaced?: Scalar): string {
  if (typeof value === 'string' && replaced?.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (typeof value === 'string' && replaced?.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function flowMapping(path: readonly string[], value: string | number | boolean): string {
  return stringify(nested(path, value), { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
}

function plainKey(key: string): string {
  return stringify(key).trimEnd();
}

function nested(path: readonly string[], value: unknown): unknown {
  return path.reduceRight((inner, key) => ({ [key]: inner }), value);
}

function assignIn(target: unknown, path: readonly string[], value: unknown): void {
  let node = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}
