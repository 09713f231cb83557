import type { default as Ajv, ErrorObject } from 'ajv';
import { ANY_KEY, FieldNode, type GeneratedValidator } from './field-tree';

/**
 * Compiles an OpenAPI v3 schema (a CRD version's `openAPIV3Schema`, or a JSON Schema file from a
 * schema location) into what the validator needs: an ajv validator that understands Kubernetes'
 * `x-kubernetes-*` extensions, and the allowed-fields tree for the strict check, built directly
 * from the schema instead of learned.
 */

/** A JSON Schema object, as read from JSON or YAML. */
export type SchemaObject = Record<string, unknown>;

/** An OpenAPI schema compiled for the validator. */
export interface CompiledSchema {
  readonly validate: GeneratedValidator;
  readonly fields: FieldNode;
}

/** Integer formats the API server checks by range; the others it knows are checked by pattern. */
const INT32 = 2 ** 31;
const FORMATS: Record<string, RegExp | ((value: string | number) => boolean)> = {
  int32: (value) => Number.isInteger(value) && Number(value) >= -INT32 && Number(value) < INT32,
  int64: (value) => Number.isSafeInteger(value),
  // The string form of a resource.Quantity, as kubernetes-models' validators check it.
  quantity: /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|[YZEPTGMkhdcmunpfazy]|da|[eE][+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))?$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

let sharedAjv: Ajv | undefined;

/** One ajv instance for every compiled schema; unknown formats are ignored, as the API server does. */
function ajv(): Ajv {
  if (sharedAjv) return sharedAjv;
  // Required on first use: a run that meets no CRD or schema file does not load ajv's compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: AjvClass } = require('ajv') as typeof import('ajv');
  sharedAjv = new AjvClass({ allErrors: true, strict: false, logger: false, validateFormats: true });
  for (const [name, format] of Object.entries(FORMATS)) {
    if (format instanceof RegExp) sharedAjv.addFormat(name, format);
    else sharedAjv.addFormat(name, { type: 'number', validate: format as (value: number) => boolean });
  }
  sharedAjv.addKeyword({
    keyword: 'x-list-map-keys-unique',
    type: 'array',
    errors: true,
    validate: function uniqueMapKeys(keys: string[], items: unknown[]): boolean {
      const seen = new Map<string, number>();
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item === null || typeof item !== 'object') continue;
        const identity = JSON.stringify(keys.map((key) => (item as Record<string, unknown>)[key] ?? null));
        const first = seen.get(identity);
        if (first !== undefined) {
          (uniqueMapKeys as unknown as { errors: Partial<ErrorObject>[] }).errors = [{ keyword: 'x-list-map-keys-unique', params: { i, j: first, keys } }];
          return false;
        }
        seen.set(identity, i);
      }
      return true;
    },
  });
  return sharedAjv;
}

/**
 * Compiles a schema. `embedded` marks the root as a Kubernetes object (a custom resource), whose
 * apiVersion, kind and metadata the API server checks whatever the schema says.
 * @throws Error from ajv when the schema is not a valid JSON Schema.
 */
export function compileOpenApiSchema(schema: SchemaObject, options: { readonly resource: boolean }): CompiledSchema {
  const definitions = (schema.definitions ?? {}) as Record<string, SchemaObject>;
  return { validate: openApiValidator(schema, options), fields: fieldTree(schema, definitions, options.resource) };
}

/** The validator half of {@link compileOpenApiSchema}. */
export function openApiValidator(schema: SchemaObject, options: { readonly resource: boolean }): GeneratedValidator {
  const converted = toAjvSchema(schema, options.resource);
  const compiled = ajv().compile(converted);
  // The strict check reports unknown fields from the tree (and --no-strict allows them), so ajv's
  // additionalProperties errors, from schema files that close their objects, would only repeat it.
  const validate: GeneratedValidator = (data: unknown) => {
    const valid = compiled(data);
    const errors = (compiled.errors ?? []).filter((error) => error.keyword !== 'additionalProperties');
    validate.errors = errors.length > 0 ? errors : null;
    return valid || errors.length === 0;
  };
  return validate;
}

/** The allowed-fields half of {@link compileOpenApiSchema}: no ajv needed. */
export function openApiFieldTree(schema: SchemaObject): FieldNode {
  return fieldTree(schema, (schema.definitions ?? {}) as Record<string, SchemaObject>, false);
}

/** A copy of the schema with the x-kubernetes extensions turned into JSON Schema ajv checks. */
function toAjvSchema(schema: SchemaObject, resource: boolean): SchemaObject {
  const copy: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'definitions' || key === 'patternProperties') copy[key] = mapValues(value, (child) => toAjvSchema(child, false));
    else if (key === 'items' && Array.isArray(value)) copy[key] = value.map((child) => toAjvSchema(child as SchemaObject, false));
    else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && isSchema(value)) copy[key] = toAjvSchema(value, false);
    else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) copy[key] = value.map((child) => toAjvSchema(child as SchemaObject, false));
    else copy[key] = value;
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete copy.type;
    const intOrString = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
    copy.allOf = [...((copy.allOf as unknown[]) ?? []), intOrString];
  }
  if (schema.nullable === true && typeof copy.type === 'string') copy.type = [copy.type, 'null'];
  if (schema['x-kubernetes-list-type'] === 'set') copy.uniqueItems = true;
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (schema['x-kubernetes-list-type'] === 'map' && Array.isArray(mapKeys) && mapKeys.length > 0) copy['x-list-map-keys-unique'] = mapKeys;
  if (resource || schema['x-kubernetes-embedded-resource'] === true) embedTypeMeta(copy);
  return copy;
}

/** apiVersion and kind are required non-empty strings of an embedded object; metadata is an object. */
function embedTypeMeta(schema: SchemaObject): void {
  const properties = { ...((schema.properties as Record<string, SchemaObject>) ?? {}) };
  properties.apiVersion = { ...properties.apiVersion, type: 'string', minLength: 1 };
  properties.kind = { ...properties.kind, type: 'string', minLength: 1 };
  properties.metadata = { ...properties.metadata, type: 'object' };
  schema.properties = properties;
  schema.required = [...new Set([...((schema.required as string[]) ?? []), 'apiVersion', 'kind'])].sort();
}

/**
 * The allowed-fields tree of a schema. Properties declared in any branch of allOf/anyOf/oneOf are
 * allowed (which can only allow more); `x-kubernetes-preserve-unknown-fields` and schemas that
 * allow any additional property leave unknown fields alone; `metadata` of an embedded object is
 * Kubernetes' ObjectMeta.
 */
function fieldTree(schema: SchemaObject, definitions: Record<string, SchemaObject>, resource: boolean): FieldNode {
  const node = new FieldNode();
  fillNode(node, schema, definitions, resource, new Set());
  return node;
}

function fillNode(node: FieldNode, schema: SchemaObject, definitions: Record<string, SchemaObject>, embedded: boolean, outerSeen: Set<SchemaObject>): void {
  // The references followed to get here, so that a recursive definition ends as free-form.
  const seen = new Set(outerSeen);
  const branches = flattenBranches(schema, definitions, seen);
  const properties = new Map<string, SchemaObject[]>();
  const additional: SchemaObject[] = [];
  const items: SchemaObject[] = [];
  let open = false;
  for (const branch of branches) {
    if (branch['x-kubernetes-preserve-unknown-fields'] === true || branch.additionalProperties === true) open = true;
    if (branch['x-kubernetes-embedded-resource'] === true) embedded = true;
    for (const [key, child] of Object.entries((branch.properties as Record<string, SchemaObject>) ?? {})) {
      properties.set(key, [...(properties.get(key) ?? []), child]);
    }
    if (isSchema(branch.additionalProperties)) additional.push(branch.additionalProperties);
    if (isSchema(branch.items)) items.push(branch.items);
  }
  if (items.length > 0) fillMerged(node.ensureChild(ANY_KEY), items, definitions, seen);
  if (embedded) {
    for (const key of ['apiVersion', 'kind']) if (!properties.has(key)) properties.set(key, [{ type: 'string' }]);
    properties.set('metadata', [OBJECT_META]);
  }
  if (properties.size > 0) {
    node.shape = open ? 'open' : 'fields';
    for (const [key, schemas] of properties) {
      node.properties.add(key);
      fillMerged(node.ensureChild(key), schemas, definitions, seen);
    }
  } else if (additional.length > 0 && !open) {
    node.shape = 'map';
    fillMerged(node.ensureChild(ANY_KEY), additional, definitions, seen);
  } else if (items.length === 0 || open) {
    // No declared properties: free-form (preserve-unknown-fields, type object alone) or a scalar.
    node.shape = 'free';
  }
  // A list keeps no shape of its own, so that the field check goes on into its items.
}

function fillMerged(node: FieldNode, schemas: SchemaObject[], definitions: Record<string, SchemaObject>, seen: Set<SchemaObject>): void {
  fillNode(node, schemas.length === 1 ? schemas[0] : { allOf: schemas }, definitions, false, seen);
}

/**
 * The schema and every allOf/anyOf/oneOf branch below it, with local `$ref`s followed; each
 * definition followed is added to `seen`, and one met again on the same path is free-form.
 */
function flattenBranches(schema: SchemaObject, definitions: Record<string, SchemaObject>, seen: Set<SchemaObject>): SchemaObject[] {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = /^#\/definitions\/(.+)$/.exec(ref);
    const resolved = target ? definitions[decodeURIComponent(target[1])] : undefined;
    // An unresolvable reference cannot say which fields it allows, nor can a recursive one: leave them alone.
    if (resolved === undefined || seen.has(resolved)) return [{ 'x-kubernetes-preserve-unknown-fields': true }];
    seen.add(resolved);
    return flattenBranches(resolved, definitions, seen);
  }
  const branches = [schema];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const branch of list) if (isSchema(branch)) branches.push(...flattenBranches(branch, definitions, seen));
  }
  return branches;
}

/** The fields of ObjectMeta a manifest may set (the read-only ones are allowed too, as the API server does). */
const OBJECT_META: SchemaObject = {
  type: 'object',
  properties: Object.fromEntries([
    ...['creationTimestamp', 'deletionTimestamp', 'generateName', 'name', 'namespace', 'resourceVersion', 'selfLink', 'uid'].map((key) => [key, { type: 'string' }]),
    ...['deletionGracePeriodSeconds', 'generation'].map((key) => [key, { type: 'integer' }]),
    ...['annotations', 'labels'].map((key) => [key, { type: 'object', additionalProperties: { type: 'string' } }]),
    ['finalizers', { type: 'array', items: { type: 'string' } }],
    ['managedFields', { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } }],
    ['ownerReferences', { type: 'array', items: { type: 'object', properties: Object.fromEntries(['apiVersion', 'blockOwnerDeletion', 'controller', 'kind', 'name', 'uid'].map((key) => [key, {}])) } }],
  ]),
};

function mapValues(value: unknown, map: (child: SchemaObject) => SchemaObject): unknown {
  if (!isSchema(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, isSchema(child) ? map(child) : child]));
}

function isSchema(value: unknown): value is SchemaObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
