/**
 * The allowed-fields tree of a kind, learned from its generated schema validator.
 *
 * kubernetes-models ships ajv-generated validator functions but not the OpenAPI documents, and the
 * validators accept unknown fields. They do, however, read every property their schema declares
 * (`data.replicas !== undefined`) and enumerate only maps (`for (key in data)`; the rare
 * `minProperties` also enumerates, and is taken as a map too, which can only allow more). Running a validator
 * once on a recording copy of a resource therefore tells, for every object in it, which properties
 * the schema declares, whether it is a map, or whether it is free-form (read not at all, as with
 * `x-kubernetes-preserve-unknown-fields`). The tree keeps that per schema location (array indexes
 * and map keys folded into `*`), so later resources of the kind are checked by a plain walk; a
 * resource reaching a location not seen yet is learned from the same way.
 */

/**
 * What a schema location holds when it holds an object: declared fields only, declared fields and
 * any others (`x-kubernetes-preserve-unknown-fields` beside properties), a map, or anything.
 */
export type FieldShape = 'fields' | 'open' | 'map' | 'free';

/**
 * The vendor extensions of a CRD's JSONSchemaProps. kubernetes-models' generators drop them from
 * the validators, which therefore never read them; they are in Kubernetes' OpenAPI document.
 */
const JSON_SCHEMA_PROPS_EXTENSIONS: readonly string[] = [
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
];

/** Properties only JSONSchemaProps declares; a location whose validator reads all of them is one. */
const JSON_SCHEMA_PROPS_MARKERS: readonly string[] = ['$schema', 'additionalItems', 'patternProperties'];

/** The key under which array items and map values are kept. */
export const ANY_KEY = '*';

/** One schema location. */
export class FieldNode {
  /** Undefined until an object has been seen here. */
  shape: FieldShape | undefined;
  /** Declared properties, for shapes `fields` and `open`. */
  readonly properties = new Set<string>();
  /** Child locations; a function builds one from a schema when it is first needed (see {@link adopt}). */
  private readonly children = new Map<string, FieldNode | (() => FieldNode)>();
  /** Properties the validator reads that the selected Kubernetes release does not have (see schema-deltas.ts). */
  private withheld: Set<string> | undefined;

  /** Keeps a property from being learned: it stays unknown even when the validator reads it. */
  withhold(key: string): void {
    (this.withheld ??= new Set()).add(key);
  }

  /** Whether a read property is declared for the selected release. */
  declares(key: string): boolean {
    return this.withheld === undefined || !this.withheld.has(key);
  }

  /** The location below a property (or below {@link ANY_KEY} for items and map values), if seen. */
  child(key: string): FieldNode | undefined {
    const node = this.children.get(key);
    if (typeof node !== 'function') return node;
    const built = node();
    this.children.set(key, built);
    return built;
  }

  /**
   * Puts a tree built elsewhere (from a schema) below a key, replacing what was there; it is built
   * when a resource first reaches it, so fields no resource sets cost nothing.
   */
  adopt(key: string, build: () => FieldNode): void {
    this.children.set(key, build);
  }

  /** The location below a key, created when missing. */
  ensureChild(key: string): FieldNode {
    let node = this.child(key);
    if (node === undefined) {
      node = new FieldNode();
      this.children.set(key, node);
    }
    return node;
  }
}

/** A generated validator: returns whether the data is valid, and leaves ajv errors on `errors`. */
export type GeneratedValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** The fields of an ajv error the validator uses. */
export interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
}

interface ReadLog {
  readonly reads: Set<string>;
  enumerated: boolean;
}

/**
 * Runs the validator on a recording copy of `resource`, merges what it read into `root`, and
 * returns the validator's verdict (so the learning run doubles as the validation run).
 */
export function validateAndLearn(validate: GeneratedValidator, resource: unknown, root: FieldNode): boolean {
  const logs = new Map<object, ReadLog>();
  const valid = validate(record(resource, logs));
  merge(resource, root, logs);
  return valid;
}

/** A deep copy whose objects are proxies logging every property read and enumeration. */
function record(value: unknown, logs: Map<object, ReadLog>): unknown {
  if (Array.isArray(value)) return value.map((item) => record(item, logs));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = record(child, logs);
  // A YAML alias puts one object in several places: their reads are pooled, which can only allow more.
  const log: ReadLog = logs.get(value) ?? { reads: new Set(), enumerated: false };
  logs.set(value, log);
  return new Proxy(copy, {
    get(target, key, receiver) {
      if (typeof key === 'string') log.reads.add(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string') log.reads.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      log.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function merge(value: unknown, node: FieldNode, logs: Map<object, ReadLog>): void {
  if (Array.isArray(value)) {
    for (const item of value) merge(item, node.ensureChild(ANY_KEY), logs);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const log = logs.get(value);
  if (log === undefined) return;
  node.shape ??= log.enumerated ? 'map' : log.reads.size > 0 ? 'fields' : 'free';
  if (node.shape === 'free') return;
  if (node.shape === 'map') {
    for (const child of Object.values(value)) merge(child, node.ensureChild(ANY_KEY), logs);
    return;
  }
  for (const key of log.reads) if (node.declares(key)) node.properties.add(key);
  if (JSON_SCHEMA_PROPS_MARKERS.every((key) => log.reads.has(key))) for (const key of JSON_SCHEMA_PROPS_EXTENSIONS) node.properties.add(key);
  for (const [key, child] of Object.entries(value)) {
    if (node.properties.has(key)) merge(child, node.ensureChild(key), logs);
  }
}
