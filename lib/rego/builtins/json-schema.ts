/**
 * json.verify_schema and json.match_schema (OPA topdown/jsonschema.go). OPA
 * validates with gojsonschema; this engine validates with ajv (JSON Schema
 * draft-07 semantics, which gojsonschema also follows) and reports each
 * failure as gojsonschema does: {error, type, field, desc} with its error
 * type names, field paths ("(root)", "a.0.b") and English descriptions.
 */
import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { RegoObject, Value, isArray, isObject, isString, toJSON } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';
import { JSONSyntaxError, unmarshalJSON } from './go/json';

let ajvInstance: AjvClass | undefined;

/** ajv and its formats take long to load and most policies never validate schemas: made on first use. */
function ajv(): AjvClass {
  if (!ajvInstance) {
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
    ajvInstance = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajvInstance);
  }
  return ajvInstance;
}

/** Compiled schemas by their JSON text (OPA caches compiled schemas across queries too). */
const compiled = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 100;

/** Plain JSON of a Rego value for ajv (big integers as the nearest number). */
function plain(x: unknown): unknown {
  if (typeof x === 'bigint') return Number(x);
  if (Array.isArray(x)) return x.map(plain);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
}

/** OPA's astValueToJSONSchemaLoader: a JSON string, an object or an array. */
function load(v: Value): unknown {
  if (isString(v)) {
    try {
      return plain(toJSON(unmarshalJSON(v)));
    } catch (e) {
      if (e instanceof JSONSyntaxError) throw new BuiltinError('invalid JSON string');
      throw e;
    }
  }
  if (isObject(v) || isArray(v)) return plain(toJSON(v));
  throw new BuiltinError('wrong type, expected string or object');
}

/** JSON Schema's type names, in the order gojsonschema lists them in its message. */
const PRIMITIVE_TYPES = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];

/** gojsonschema's first complaint about a type keyword that names no JSON type, if any. */
function invalidTypeName(schema: unknown): string | undefined {
  if (Array.isArray(schema)) return schema.map(invalidTypeName).find((m) => m !== undefined);
  if (schema === null || typeof schema !== 'object') return undefined;
  for (const [key, sub] of Object.entries(schema)) {
    if (key === 'type') {
      const bad = (Array.isArray(sub) ? sub : [sub]).find((t) => typeof t === 'string' && !PRIMITIVE_TYPES.includes(t));
      if (bad !== undefined) return `has a primitive type that is NOT VALID -- given: /${bad}/ Expected valid values are:[${PRIMITIVE_TYPES.join(' ')}]`;
    } else if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') {
      const found = invalidTypeName(sub);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Compiles a schema; throws BuiltinError with the reason it is not a valid schema. */
function compile(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  const known = compiled.get(key);
  if (known) return known;
  const badType = invalidTypeName(schema);
  if (badType !== undefined) throw new BuiltinError(badType);
  let validate: ValidateFunction;
  try {
    validate = ajv().compile(withoutDraftTag(schema) as object);
  } catch (e) {
    throw new BuiltinError((e as Error).message);
  }
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return validate;
}

/** Drops a draft-04/06/07 `$schema` tag: ajv applies draft-07 rules to all three, as gojsonschema's hybrid mode does. */
function withoutDraftTag(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const { $schema, ...rest } = schema as Record<string, unknown>;
  return typeof $schema === 'string' && /^https?:\/\/json-schema\.org\/draft-0[467]\/schema#?$/.test($schema) ? rest : schema;
}

/** gojsonschema's field: "(root)" or the instance path joined with dots. */
function fieldOf(instancePath: string): string {
  if (instancePath === '') return '(root)';
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

/** gojsonschema's name of a JSON value's type ("integer" for whole numbers). */
function jsonType(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'number';
  return typeof x;
}

/** The value an ajv error is about (ajv reports paths, not values). */
function valueAt(doc: unknown, instancePath: string): unknown {
  let cur = doc;
  for (const seg of instancePath === '' ? [] : instancePath.slice(1).split('/')) {
    cur = (cur as Record<string, unknown>)[seg.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return cur;
}

/** gojsonschema's error type and description for one ajv error. */
function describe(e: ErrorObject, field: string, doc: unknown): [string, string] {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return ['required', `${String(p.missingProperty)} is required`];
    case 'type': {
      const expected = Array.isArray(p.type) ? `[${p.type.join(',')}]` : String(p.type).includes(',') ? `[${String(p.type)}]` : String(p.type);
      return ['invalid_type', `Invalid type. Expected: ${expected}, given: ${jsonType(valueAt(doc, e.instancePath))}`];
    }
    case 'additionalProperties': return ['additional_property_not_allowed', `Additional property ${String(p.additionalProperty)} is not allowed`];
    case 'enum': return ['enum', `${field} must be one of the following: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`];
    case 'const': return ['const', `${field} does not match: ${JSON.stringify(p.allowedValue)}`];
    case 'minLength': return ['string_gte', `String length must be greater than or equal to ${String(p.limit)}`];
    case 'maxLength': return ['string_lte', `String length must be less than or equal to ${String(p.limit)}`];
    case 'pattern': return ['pattern', `Does not match pattern '${String(p.pattern)}'`];
    case 'format': return ['format', `Does not match format '${String(p.format)}'`];
    case 'minimum': return ['number_gte', `Must be greater than or equal to ${String(p.limit)}`];
    case 'exclusiveMinimum': return ['number_gt', `Must be greater than ${String(p.limit)}`];
    case 'maximum': return ['number_lte', `Must be less than or equal to ${String(p.limit)}`];
    case 'exclusiveMaximum': return ['number_lt', `Must be less than ${String(p.limit)}`];
    case 'multipleOf': return ['multiple_of', `Must be a multiple of ${String(p.multipleOf)}`];
    case 'minItems': return ['array_min_items', `Array must have at least ${String(p.limit)} items`];
    case 'maxItems': return ['array_max_items', `Array must have at most ${String(p.limit)} items`];
    case 'uniqueItems': return ['unique', `array items[${String(p.j)},${String(p.i)}] must be unique`];
    case 'contains': return ['contains', 'At least one of the items must match'];
    case 'minProperties': return ['array_min_properties', `Must have at least ${String(p.limit)} properties`];
    case 'maxProperties': return ['array_max_properties', `Must have at most ${String(p.limit)} properties`];
    case 'additionalItems': return ['array_no_additional_items', 'No additional items allowed on array'];
    case 'anyOf': return ['number_any_of', 'Must validate at least one schema (anyOf)'];
    case 'oneOf': return ['number_one_of', 'Must validate one and only one schema (oneOf)'];
    case 'not': return ['number_not', 'Must not validate the schema (not)'];
    case 'dependencies': return ['missing_dependency', `Has a dependency on ${String(p.missingProperty)}`];
    case 'false schema': return ['false', 'False always fails validation'];
    case 'propertyNames': return ['invalid_property_name', `Property name of "${String(p.propertyName)}" does not match`];
    // ajv's summary of a failed then/else branch; the branch's own errors are reported too.
    case 'if': return [p.failingKeyword === 'else' ? 'condition_else' : 'condition_then', `Must validate "${String(p.failingKeyword)}" as "if" was ${p.failingKeyword === 'else' ? 'not ' : ''}valid`];
    default: return ['internal', e.message ?? e.keyword];
  }
}

/**
 * ajv's errors in gojsonschema's arrangement: a failed anyOf/oneOf keeps only the
 * errors of its closest branch (the one with fewest errors), listed after the
 * anyOf/oneOf error itself; a failed if/then/else lists its branch's errors
 * after the condition error.
 */
function arrange(errors: readonly ErrorObject[]): ErrorObject[] {
  const groupOf = new Map<ErrorObject, ErrorObject>();
  const dropped = new Set<ErrorObject>();
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if');
  // Outer combinators first, so that inner ones claim their own errors last.
  for (const c of [...combinators].sort((a, b) => a.schemaPath.length - b.schemaPath.length)) {
    const base = c.keyword === 'if' ? c.schemaPath.slice(0, -'/if'.length) : c.schemaPath;
    const inside = errors.filter((e) => e !== c && e.schemaPath.startsWith(base + '/') && (c.keyword !== 'if' || /^\/(then|else)\//.test(e.schemaPath.slice(base.length))));
    let kept = inside;
    if (c.keyword !== 'if') {
      const branches = new Map<string, ErrorObject[]>();
      for (const e of inside) {
        const branch = e.schemaPath.slice(base.length + 1).split('/')[0];
        branches.set(branch, [...(branches.get(branch) ?? []), e]);
      }
      const best = [...branches.values()].reduce<ErrorObject[] | undefined>((a, b) => (a === undefined || b.length < a.length ? b : a), undefined) ?? [];
      for (const e of inside) if (!best.includes(e)) dropped.add(e);
      kept = best;
    }
    for (const e of kept) groupOf.set(e, c);
  }
  const out: ErrorObject[] = [];
  const emit = (e: ErrorObject): void => {
    if (dropped.has(e) || out.includes(e)) return;
    out.push(e);
    for (const member of errors) if (groupOf.get(member) === e) emit(member);
  };
  for (const e of errors) if (!groupOf.has(e)) emit(e);
  return out;
}

defineBuiltin({
  name: 'json.verify_schema',
  args: [T.any],
  fn: ([schema]) => {
    try {
      compile(load(schema));
      return [true, null];
    } catch (e) {
      if (e instanceof BuiltinError) return [false, `jsonschema: ${e.message}`];
      throw e;
    }
  },
});

defineBuiltin({
  name: 'json.match_schema',
  args: [T.any, T.any],
  fn: ([document, schema]) => {
    const doc = load(document);
    const validate = compile(load(schema));
    const ok = validate(doc);
    const errors: Value[] = [];
    for (const e of arrange(validate.errors ?? [])) {
      const field = fieldOf(e.instancePath);
      const [type, desc] = describe(e, field, doc);
      errors.push(new RegoObject([['error', `${field}: ${desc}`], ['type', type], ['field', field], ['desc', desc]]));
    }
    return [ok, errors];
  },
});
