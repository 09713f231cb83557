/**
 * yaml.marshal, yaml.unmarshal and yaml.is_valid. OPA reads YAML through
 * sigs.k8s.io/yaml (YAML 1.1: `yes`/`no` are booleans) and writes block style
 * with sorted keys; the `yaml` package is configured the same way here.
 */
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { normalizeBig } from '../number';
import { RegoObject, Value, format, toJSON } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';

defineBuiltin({
  name: 'yaml.marshal',
  args: [T.any],
  fn: ([v]) => new Document(toJSON(v), { sortMapEntries: true }).toString({ indentSeq: false, lineWidth: 0 }),
});

defineBuiltin({ name: 'yaml.unmarshal', args: [T.string], fn: ([text]) => parseYAML(text as string) });

defineBuiltin({
  name: 'yaml.is_valid',
  args: [T.string],
  fn: ([text]) => {
    try {
      parseYAML(text as string);
      return true;
    } catch {
      return false;
    }
  },
});

/** The first YAML document as a Rego value; non-string keys become their text like YAMLToJSON does. */
function parseYAML(text: string): Value {
  const doc = parseDocument(text, { version: '1.1', intAsBigInt: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new BuiltinError(doc.errors[0].message.split('\n')[0]);
  return convert(doc.contents);
}

function convert(node: unknown): Value {
  if (node === null || node === undefined) return null;
  if (isMap(node)) {
    const out = new RegoObject();
    for (const pair of node.items) {
      const key = convert(pair.key);
      out.set(typeof key === 'string' ? key : format(key), convert(pair.value));
    }
    return out;
  }
  if (isSeq(node)) return node.items.map(convert);
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'bigint') return normalizeBig(v);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new BuiltinError(`json: unsupported value: ${v}`);
    if (v instanceof Date) return v.toISOString();
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
    return String(v);
  }
  throw new BuiltinError('unsupported YAML node (aliases to collections are not supported)');
}
