/**
 * YAML as Kubernetes reads it. kubectl and the API server turn YAML into JSON with sigs.k8s.io/yaml,
 * which resolves plain scalars with go-yaml v2: YAML 1.1 booleans (`yes`, `off`, `y`…), C-style
 * octals (`0644` is 420), Go's integer prefixes (`0x`, `0o`, `0b`), `_` digit separators, and no
 * timestamps (a date stays a string). Base-60 numbers (`1:30`) are strings too: go-yaml never
 * supported them, although YAML 1.1 lists them.
 *
 * The schema is built on js-yaml (about ten times faster than `yaml` here, which matters at 200,000
 * resources) with one type per scalar family, each resolving exactly the forms go-yaml v2 does.
 */
import * as jsyaml from 'js-yaml';

/** go-yaml v2's boolean words: these spellings only (`yEs` and `TRUE ` are strings). */
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
]);

const booleanType = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && BOOLEANS.has(data),
  construct: (data: string) => BOOLEANS.get(data),
  predicate: (value: unknown) => typeof value === 'boolean',
});

/**
 * Go's `strconv.ParseInt(s, 0, 64)` syntax once `_` is removed: a sign, then `0x`/`0o`/`0b`
 * prefixed digits, a leading `0` for octal, or decimal digits.
 */
const GO_INTEGER = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/;

/** go-yaml v2's `yamlStyleFloat`, tried (after `_` removal) on what is not an integer. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar starting with `.`, which go-yaml hands to `strconv.ParseFloat` as it is. */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((word) => [word, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((word) => [word, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((word) => [word, -Infinity] as const),
]);

/** go-yaml v2 tries numbers only on scalars that start with a digit or a sign. */
function startsLikeNumber(data: string): boolean {
  const first = data.charCodeAt(0);
  return (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d;
}

/** Plain decimal integers small enough for a double: nearly every integer in a manifest. */
const SAFE_DECIMAL = /^[-+]?(?:0|[1-9][0-9]{0,14})$/;

function withoutSeparators(data: string): string {
  return data.includes('_') ? data.replace(/_/g, '') : data;
}

function isGoInteger(data: string): boolean {
  return startsLikeNumber(data) && GO_INTEGER.test(withoutSeparators(data));
}

/** The value of a Go integer literal (precision beyond 2^53 is lost, as in any JSON reader in JavaScript). */
function goIntegerValue(data: string): number {
  if (SAFE_DECIMAL.test(data)) return Number(data);
  const plain = withoutSeparators(data);
  const negative = plain.startsWith('-');
  const unsigned = plain.replace(/^[-+]/, '');
  let magnitude: bigint;
  if (/^0[xX]/.test(unsigned)) magnitude = BigInt(unsigned.toLowerCase());
  else if (/^0[bB]/.test(unsigned)) magnitude = BigInt(unsigned.toLowerCase());
  else if (/^0[oO]/.test(unsigned)) magnitude = BigInt(`0o${unsigned.slice(2)}`);
  else if (unsigned.length > 1 && unsigned.startsWith('0')) magnitude = BigInt(`0o${unsigned.slice(1)}`);
  else magnitude = BigInt(unsigned);
  return Number(negative ? -magnitude : magnitude);
}

const integerType = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && isGoInteger(data),
  construct: goIntegerValue,
  predicate: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
});

function isFloat(data: string): boolean {
  if (SPECIAL_FLOATS.has(data)) return true;
  if (data.startsWith('.')) return DOT_FLOAT.test(data);
  return startsLikeNumber(data) && YAML_STYLE_FLOAT.test(withoutSeparators(data));
}

const floatType = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && isFloat(data),
  construct: (data: string) => SPECIAL_FLOATS.get(data) ?? Number(withoutSeparators(data)),
  predicate: (value: unknown) => typeof value === 'number',
});

// @types/js-yaml does not declare the built-in types js-yaml exports.
const types = (jsyaml as unknown as { types: Record<'null' | 'merge', jsyaml.Type> }).types;

/** How Kubernetes reads a plain (unquoted) scalar used as a map key: as JSON keys, booleans and numbers become their text. */
export function plainKeyText(data: string): string {
  const boolean = BOOLEANS.get(data);
  if (boolean !== undefined) return String(boolean);
  if (data === '~' || data === 'null' || data === 'Null' || data === 'NULL') return 'null';
  if (isGoInteger(data)) return String(goIntegerValue(data));
  if (isFloat(data)) return String(SPECIAL_FLOATS.get(data) ?? Number(withoutSeparators(data)));
  return data;
}

/**
 * The js-yaml schema that reads plain scalars as go-yaml v2 does: null, booleans, integers, floats
 * and `<<` merge keys; everything else (dates included) is a string.
 */
export const KUBERNETES_YAML_SCHEMA: jsyaml.Schema = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [types.null, booleanType, integerType, floatType, types.merge],
});
