/**
 * JSON builtins (OPA topdown/encoding.go and json.go): marshal, unmarshal,
 * is_valid, patch (RFC 6902; any failure makes the call undefined, as in OPA),
 * filter and remove by JSON-pointer paths.
 */
import { RegoObject, RegoSet, Value, equal, isArray, isObject, isSet, isString, typeName } from '../value';
import { BuiltinError, BuiltinTypeError, T, defineBuiltin } from './registry';
import { JSONSyntaxError, marshalJSON, unmarshalJSON } from './go/json';
import { setOrArray } from './operand-helpers';

defineBuiltin({ name: 'json.marshal', args: [T.any], fn: ([v]) => marshalJSON(v) });

defineBuiltin({
  name: 'json.marshal_with_options',
  args: [T.any, T.object],
  fn: ([v, options]) => {
    let prefix = '';
    let indent = '\t';
    let implicitPretty = false;
    let pretty: boolean | undefined;
    for (const [key, opt] of (options as RegoObject).entries()) {
      if (key === 'prefix' || key === 'indent') {
        if (!isString(opt)) throw new BuiltinTypeError(`operand 2 key ${key} failed cast to string: operand 1 must be string but got ${typeName(opt)}`);
        if (key === 'prefix') prefix = opt;
        else indent = opt;
        implicitPretty = true;
      } else if (key === 'pretty') {
        if (typeof opt !== 'boolean') throw new BuiltinTypeError('operand 2 key pretty failed cast to bool');
        pretty = opt;
      } else {
        throw new BuiltinTypeError(`operand 2 object contained unknown key ${String(key)}`);
      }
    }
    // MarshalIndent does not prefix the first line; OPA adds it.
    return pretty ?? implicitPretty ? prefix + marshalJSON(v, { prefix, indent }) : marshalJSON(v);
  },
});

defineBuiltin({
  name: 'json.unmarshal',
  args: [T.string],
  fn: ([text]) => {
    try {
      return unmarshalJSON(text as string);
    } catch (e) {
      if (e instanceof JSONSyntaxError) throw new BuiltinError(e.message);
      throw e;
    }
  },
});

defineBuiltin({
  name: 'json.is_valid',
  args: [T.string],
  fn: ([text]) => {
    try {
      unmarshalJSON(text as string);
      return true;
    } catch {
      return false;
    }
  },
});

type Path = Value[];

/** OPA's parsePath: "/a/b~1c" (JSON pointer, leading slashes trimmed) or an array of segments. */
function parsePath(p: Value): Path {
  if (isString(p)) {
    if (p === '') return [];
    return p.replace(/^\/+/, '').split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  if (isArray(p)) return [...p];
  throw new BuiltinTypeError(`operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`);
}

function pathsOperand(v: Value): Path[] {
  return (isArray(v) ? v : (v as RegoSet).values()).map(parsePath);
}

/** OPA's pathsToObject: a tree whose null leaves mark selected subtrees. */
function pathsToTree(paths: Path[]): RegoObject {
  const root = new RegoObject();
  for (const path of paths) {
    if (path.length === 0) continue;
    let node = root;
    let done = false;
    for (let i = 0; i < path.length - 1 && !done; i++) {
      const child = node.get(path[i]);
      if (child === undefined) {
        const next = new RegoObject();
        node.set(path[i], next);
        node = next;
      } else if (child === null) done = true;
      else node = child as RegoObject;
    }
    if (!done) node.set(path[path.length - 1], null);
  }
  return root;
}

/** OPA's Object.Filter. */
function filterValue(v: Value, filter: Value): Value {
  if (filter === null) return v;
  const f = filter as RegoObject;
  if (isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const sub = f.get(String(i));
      if (sub !== undefined) out.push(filterValue(x, sub));
    });
    return out;
  }
  if (isSet(v)) return new RegoSet(v.values().filter((x) => f.has(x)).map((x) => filterValue(x, f.get(x)!)));
  if (isObject(v)) {
    const out = new RegoObject();
    for (const [k, x] of v.entries()) {
      const sub = f.get(k);
      if (sub !== undefined) out.set(k, filterValue(x, sub));
    }
    return out;
  }
  return v;
}

/** OPA's jsonRemove: drops the subtrees at null leaves of the tree; undefined means "removed". */
function removeValue(v: Value, tree: Value | undefined): Value | undefined {
  if (tree === undefined) return v;
  if (tree === null) return undefined;
  if (!isObject(tree)) return v;
  if (isObject(v)) {
    const out = new RegoObject();
    for (const [k, x] of v.entries()) {
      const kept = removeValue(x, tree.get(k));
      if (kept !== undefined) out.set(k, kept);
    }
    return out;
  }
  if (isSet(v)) return new RegoSet(v.values().flatMap((x) => (removeValue(x, tree.get(x)) === undefined ? [] : [removeValue(x, tree.get(x))!])));
  if (isArray(v)) return v.flatMap((x, i) => (removeValue(x, tree.get(String(i))) === undefined ? [] : [removeValue(x, tree.get(String(i)))!]));
  return v;
}

defineBuiltin({
  name: 'json.filter',
  args: [T.object, setOrArray],
  fn: ([object, paths]) => filterValue(object, pathsToTree(pathsOperand(paths))),
});

defineBuiltin({
  name: 'json.remove',
  args: [T.object, setOrArray],
  fn: ([object, paths]) => removeValue(object, pathsToTree(pathsOperand(paths))),
});

class PatchFailure extends Error {}

defineBuiltin({
  name: 'json.patch',
  args: [T.any, T.array],
  fn: ([target, operations]) => {
    try {
      return (operations as readonly Value[]).reduce<Value>((doc, op) => applyOperation(doc, op), target);
    } catch (e) {
      if (e instanceof PatchFailure || e instanceof BuiltinTypeError) return undefined;
      throw e;
    }
  },
});

function applyOperation(doc: Value, operation: Value): Value {
  if (!isObject(operation)) throw new PatchFailure('must be an array of JSON-Patch objects');
  const attr = (name: string): Value => {
    const v = operation.get(name);
    if (v === undefined) throw new PatchFailure(`missing '${name}' attribute`);
    return v;
  };
  const op = attr('op');
  if (!isString(op) || !['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(op)) throw new PatchFailure('bad op');
  const path = parsePath(attr('path'));
  switch (op) {
    case 'add': return insertAt(doc, path, attr('value'));
    case 'remove': return deleteAt(doc, path);
    case 'replace': return insertAt(deleteAt(doc, path), path, attr('value'));
    case 'move': {
      const from = parsePath(attr('from'));
      return insertAt(deleteAt(doc, from), path, valueAt(doc, from));
    }
    case 'copy': return insertAt(doc, path, valueAt(doc, parsePath(attr('from'))));
    default:
      if (!equal(valueAt(doc, path), attr('value'))) throw new PatchFailure('test failed');
      return doc;
  }
}

function arrayIndex(segment: Value, length: number, allowEnd: boolean): number {
  const text = typeof segment === 'number' ? String(segment) : segment;
  if (allowEnd && text === '-') return length;
  if (!isString(text) || !/^(0|[1-9]\d*)$/.test(text)) throw new PatchFailure('bad array index');
  const idx = Number(text);
  if (idx > length || (!allowEnd && idx === length)) throw new PatchFailure('array index out of range');
  return idx;
}

function valueAt(doc: Value, path: Path): Value {
  let node = doc;
  for (const seg of path) {
    if (isObject(node) && node.has(seg)) node = node.get(seg)!;
    else if (isArray(node)) node = node[arrayIndex(seg, node.length, false)];
    else if (isSet(node) && node.has(seg)) node = seg;
    else throw new PatchFailure('path not found');
  }
  return node;
}

/** Returns a copy of doc with value inserted at path (object key set, array insert, set member added). */
function insertAt(doc: Value, path: Path, value: Value): Value {
  if (path.length === 0) return value;
  const [seg, ...rest] = path;
  if (isObject(doc)) {
    if (rest.length > 0 && !doc.has(seg)) throw new PatchFailure('path not found');
    return withEntry(doc, seg, rest.length === 0 ? value : insertAt(doc.get(seg)!, rest, value));
  }
  if (isArray(doc)) {
    const idx = arrayIndex(seg, doc.length, rest.length === 0);
    if (rest.length === 0) return [...doc.slice(0, idx), value, ...doc.slice(idx)];
    return doc.map((x, i) => (i === idx ? insertAt(x, rest, value) : x));
  }
  if (isSet(doc)) {
    if (rest.length > 0) throw new PatchFailure('cannot descend into a set member');
    return new RegoSet([...doc.values(), value]);
  }
  throw new PatchFailure('path not found');
}

function deleteAt(doc: Value, path: Path): Value {
  if (path.length === 0) throw new PatchFailure('cannot remove the root');
  const [seg, ...rest] = path;
  if (isObject(doc)) {
    if (!doc.has(seg)) throw new PatchFailure('path not found');
    if (rest.length > 0) return withEntry(doc, seg, deleteAt(doc.get(seg)!, rest));
    return new RegoObject([...doc.entries()].filter(([k]) => !equal(k, seg)));
  }
  if (isArray(doc)) {
    const idx = arrayIndex(seg, doc.length, false);
    if (rest.length > 0) return doc.map((x, i) => (i === idx ? deleteAt(x, rest) : x));
    return doc.filter((_, i) => i !== idx);
  }
  if (isSet(doc) && rest.length === 0 && doc.has(seg)) return new RegoSet(doc.values().filter((x) => !equal(x, seg)));
  throw new PatchFailure('path not found');
}

function withEntry(obj: RegoObject, key: Value, value: Value): RegoObject {
  const out = new RegoObject(obj.entries());
  out.set(key, value);
  return out;
}
