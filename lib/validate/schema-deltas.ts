import { readFileSync } from 'fs';
import { join } from 'path';
import { appendPointer } from '../manifest';
import { ANY_KEY, FieldNode, type AjvError, type GeneratedValidator } from './field-tree';
import { compileOpenApiSchema, openApiFieldTree, openApiValidator, type SchemaObject } from './openapi-schema';

export type { SchemaObject } from './openapi-schema';

/**
 * How a Kubernetes release without a kubernetes-models package of its own differs from the release
 * whose package it borrows (see SCHEMA_SETS). Paths are dotted, with `*` for list items and map
 * values; schemas are OpenAPI-style JSON schemas whose `$ref`s point into `definitions`. Generated
 * by `npm run schemas:deltas` into schema-deltas/<version>.json, which says where each part came from.
 */
export interface SchemaDelta {
  /** The packages compared. */
  readonly source: string;
  /** `apiVersion/Kind` of kinds the release does not serve. */
  readonly absentKinds: readonly string[];
  /** Per `apiVersion/Kind`, the field paths the release does not have. */
  readonly absentFields: Readonly<Record<string, readonly string[]>>;
  /** Per `apiVersion/Kind`, field paths the release has and the borrowed one does not, with their schemas (`{}`: not typed). */
  readonly extraFields: Readonly<Record<string, Readonly<Record<string, SchemaObject>>>>;
  /** Per `apiVersion/Kind`, field paths both have with another type in the release: its schema replaces the borrowed one's there. */
  readonly changedFields: Readonly<Record<string, Readonly<Record<string, SchemaObject>>>>;
  /** The full schema of each kind the release serves and the borrowed one does not. */
  readonly addedKinds: Readonly<Record<string, SchemaObject>>;
  /** The types the schemas above refer to. */
  readonly definitions: Readonly<Record<string, SchemaObject>>;
}

const FOLDER = join(__dirname, 'schema-deltas');
const deltas = new Map<string, SchemaDelta>();

/** The delta of a release, read on first use (only the selected release's file is read). */
export function schemaDeltaFor(version: string): SchemaDelta {
  let delta = deltas.get(version);
  if (delta === undefined) {
    let text: string;
    try {
      text = readFileSync(join(FOLDER, `${version}.json`), 'utf8');
    } catch {
      throw new Error(`internal error: lib/validate/schema-deltas/ has no file for Kubernetes ${version}; run npm run schemas:deltas`);
    }
    delta = JSON.parse(text) as SchemaDelta;
    deltas.set(version, delta);
  }
  return delta;
}

/**
 * The allowed-fields tree of a kind under a delta: absent fields are withheld (never learned, so
 * reported as unknown); extra and changed fields get the tree of their own schema (an untyped one
 * is free-form). The rest is learned from the borrowed validator as usual.
 */
export function fieldTreeUnder(delta: SchemaDelta, apiVersion: string, kind: string): FieldNode {
  const root = new FieldNode();
  const key = `${apiVersion}/${kind}`;
  for (const path of delta.absentFields[key] ?? []) {
    const { parent, field } = nodeAt(root, path);
    parent.withhold(field);
  }
  for (const fields of [delta.extraFields[key], delta.changedFields[key]]) {
    for (const [path, schema] of Object.entries(fields ?? {})) {
      const { parent, field } = nodeAt(root, path);
      parent.properties.add(field);
      parent.adopt(field, () => openApiFieldTree(withDefinitions(schema, delta.definitions)));
    }
  }
  return root;
}

/**
 * The borrowed validator of a kind, extended by the delta's typed extra and changed fields: each
 * value found at such a path is checked against its schema (compiled when first met), and the
 * borrowed validator's errors at a changed path are dropped. The validator itself unchanged when
 * the kind has no such fields.
 */
export function validatorUnder(delta: SchemaDelta, apiVersion: string, kind: string, borrowed: GeneratedValidator): GeneratedValidator {
  const key = `${apiVersion}/${kind}`;
  const checks: PathCheck[] = [];
  for (const [fields, replaces] of [
    [delta.extraFields[key], false],
    [delta.changedFields[key], true],
  ] as const) {
    for (const [path, schema] of Object.entries(fields ?? {})) {
      if (Object.keys(schema).length > 0) checks.push(new PathCheck(path, schema, delta.definitions, replaces));
    }
  }
  if (checks.length === 0) return borrowed;
  const replaced = checks.filter((check) => check.replaces);
  const validate: GeneratedValidator = (data: unknown) => {
    const valid = borrowed(data);
    let errors = valid ? [] : [...(borrowed.errors ?? [])];
    if (replaced.length > 0) errors = errors.filter((error) => !replaced.some((check) => check.covers(error.instancePath)));
    for (const check of checks) check.run(data, errors);
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  };
  return validate;
}

/** The compiled schema of a kind the release adds, or undefined when it adds no such kind. */
export function addedKindSchema(delta: SchemaDelta, apiVersion: string, kind: string): { validate: GeneratedValidator; fields: FieldNode } | undefined {
  const schema = delta.addedKinds[`${apiVersion}/${kind}`];
  if (schema === undefined) return undefined;
  return compileOpenApiSchema(withDefinitions(schema, delta.definitions), { resource: true });
}

/** One typed path of a kind: finds its values in a resource and validates them. */
class PathCheck {
  private readonly segments: readonly string[];
  private readonly pattern: RegExp;
  private compiled: GeneratedValidator | undefined;

  constructor(
    path: string,
    private readonly schema: SchemaObject,
    private readonly definitions: Readonly<Record<string, SchemaObject>>,
    readonly replaces: boolean,
  ) {
    this.segments = path.split('.');
    const pointer = this.segments.map((segment) => (segment === ANY_KEY ? '[^/]+' : segment.replace(/~/g, '~0').replace(/\//g, '~1').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    this.pattern = new RegExp(`^/${pointer.join('/')}(?:/|$)`);
  }

  /** Whether an error at this instance path is about this path's value. */
  covers(instancePath: string): boolean {
    return this.pattern.test(instancePath);
  }

  /** Validates every value at the path, adding the errors (with full instance paths) to `errors`. */
  run(data: unknown, errors: AjvError[]): void {
    this.visit(data, 0, '', errors);
  }

  private visit(value: unknown, depth: number, pointer: string, errors: AjvError[]): void {
    if (depth === this.segments.length) {
      // An unset field is left to the borrowed validator's rules, as the API server treats null.
      if (value === undefined || value === null) return;
      this.compiled ??= openApiValidator(withDefinitions(this.schema, this.definitions), { resource: false });
      if (!this.compiled(value)) for (const error of this.compiled.errors ?? []) errors.push({ ...error, instancePath: pointer + error.instancePath });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const segment = this.segments[depth];
    if (segment === ANY_KEY) {
      if (Array.isArray(value)) value.forEach((item, i) => this.visit(item, depth + 1, appendPointer(pointer, i), errors));
      else for (const [key, item] of Object.entries(value)) this.visit(item, depth + 1, appendPointer(pointer, key), errors);
      return;
    }
    if (Array.isArray(value)) return;
    this.visit((value as Record<string, unknown>)[segment], depth + 1, appendPointer(pointer, segment), errors);
  }
}

/** The schema with the definitions it refers to, directly or through others (and no more, so compiling stays small). */
function withDefinitions(schema: SchemaObject, definitions: Readonly<Record<string, SchemaObject>>): SchemaObject {
  const needed: Record<string, SchemaObject> = {};
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/definitions/')) {
        const name = child.slice('#/definitions/'.length);
        if (!(name in needed) && definitions[name] !== undefined) {
          needed[name] = definitions[name];
          visit(definitions[name]);
        }
      } else {
        visit(child);
      }
    }
  };
  visit(schema);
  return Object.keys(needed).length === 0 ? schema : { ...schema, definitions: needed };
}

function nodeAt(root: FieldNode, path: string): { parent: FieldNode; field: string } {
  const segments = path.split('.');
  const field = segments.pop() as string;
  let node = root;
  for (const segment of segments) node = node.ensureChild(segment === '*' ? ANY_KEY : segment);
  return { parent: node, field };
}
