import * as fs from 'fs';
import * as path from 'path';
import type { AjvError, GeneratedValidator } from './field-tree';
import { cachedStandaloneValidator, installCacheDirectory } from './standalone-cache';

/** An ajv error as a verbose ajv reports it. */
type VerboseError = AjvError & { readonly schemaPath: string; readonly schema?: unknown };

/** What the older kubernetes-models packages' `@kubernetes-models/validate` (3.x) exports. */
interface Registry {
  register(id: string, schema: object): void;
  validate(id: string, data: unknown): void;
}

interface AjvInstance {
  addSchema(schema: object, key: string): unknown;
  addFormat(name: string, format: object): unknown;
  getSchema(key: string): GeneratedValidator | undefined;
  readonly formats: Record<string, unknown>;
}

/**
 * A validator over the schema that an older kubernetes-models model file registers with its own
 * `@kubernetes-models/validate` (the Node 20 releases of some custom resource packages, such as
 * Argo Rollouts 0.3). That package compiles the schema with ajv at run time, which for a Rollout
 * takes over half a second; here the same schemas are compiled by an ajv configured as that
 * package configures its own, once, and the generated code is cached (standalone-cache.ts).
 */
export function registeredValidator(modelFile: string, kind: string, schemaId: string): GeneratedValidator {
  const registryFile = require.resolve('@kubernetes-models/validate', { paths: [path.dirname(modelFile)] });
  const fromRegistry = (name: string) => require.resolve(name, { paths: [path.dirname(registryFile)] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- modules found at run time, as the registry resolves them
  const load = (file: string) => require(file) as unknown;
  const validate = cachedStandaloneValidator({
    identity: [modelFile, kind, schemaId, ...[modelFile, registryFile, fromRegistry('ajv')].map(packageVersion)],
    cacheDirectory: installCacheDirectory(modelFile),
    requireFrom: fromRegistry('ajv'),
    formats: () => registryLikeAjv(load, fromRegistry, false).formats,
    compile: () => {
      const ajv = registryLikeAjv(load, fromRegistry, true);
      for (const [id, schema] of registeredSchemas(modelFile, kind, load(registryFile) as Registry)) ajv.addSchema(schema, id);
      const compiled = ajv.getSchema(schemaId);
      if (!compiled) throw new Error(`${modelFile} did not register the schema ${schemaId}`);
      const { default: standaloneCode } = load(fromRegistry('ajv/dist/standalone')) as { default: (ajv: unknown, validate: unknown) => string };
      return { validate: compiled, source: standaloneCode(ajv, compiled) };
    },
  });
  return withoutNullableRefErrors(validate);
}

/**
 * The schemas a model registers (its own and those it refers to), captured by loading the model
 * and asking it to validate with the registry's compile step held back.
 */
function registeredSchemas(modelFile: string, kind: string, registry: Registry): Map<string, object> {
  const schemas = new Map<string, object>();
  const { register, validate } = registry;
  registry.register = (id, schema) => schemas.set(id, schema);
  registry.validate = () => undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the model is found at run time
    const Model = (require(modelFile) as Record<string, new (data: object) => { validate(): void }>)[kind];
    new Model({}).validate();
  } finally {
    registry.register = register;
    registry.validate = validate;
  }
  return schemas;
}

/**
 * An ajv set up as `@kubernetes-models/validate` 3.x sets up its own: the same ajv, options and
 * formats (ajv-formats, the draft 2019 formats, and its `byte`, `quantity` and `string`), so the
 * verdicts are the package's.
 */
function registryLikeAjv(load: (file: string) => unknown, fromRegistry: (name: string) => string, source: boolean): AjvInstance {
  const { default: Ajv, _ } = load(fromRegistry('ajv')) as { default: new (options: object) => AjvInstance; _: (parts: TemplateStringsArray) => unknown };
  const ajv = new Ajv({ strictTypes: false, allErrors: true, verbose: true, code: { source, formats: _`formats` } });
  for (const plugin of ['ajv-formats', 'ajv-formats-draft2019']) {
    const loaded = load(fromRegistry(plugin)) as ((ajv: AjvInstance) => void) & { __esModule?: boolean; default?: (ajv: AjvInstance) => void };
    (loaded.__esModule && loaded.default ? loaded.default : loaded)(ajv);
  }
  const signedNumber = /[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)/.source;
  const suffix = `(?:[KMGTPE]i|(?:[YZEPTGMkhdcmunpfazy]|da)|[eE]${signedNumber})?`;
  ajv.addFormat('byte', { type: 'string', validate: (value: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value) });
  ajv.addFormat('quantity', { type: 'string', validate: new RegExp(`^${signedNumber}${suffix}$`) });
  ajv.addFormat('string', { type: 'string', validate: (value: unknown) => typeof value === 'string' });
  return ajv;
}

/**
 * The registry reports a `null` alternative of `oneOf: [{$ref}, {type: null}]` (how these schemas
 * say "nullable reference") as no error of its own; the validator does the same.
 */
function withoutNullableRefErrors(validate: GeneratedValidator): GeneratedValidator {
  const filtered: GeneratedValidator = Object.assign(
    (data: unknown): boolean => {
      const valid = validate(data);
      filtered.errors = valid ? null : excludeNullableRefErrors((validate.errors ?? []) as VerboseError[]);
      return valid;
    },
    { errors: null as GeneratedValidator['errors'] },
  );
  return filtered;
}

function excludeNullableRefErrors(errors: readonly VerboseError[]): VerboseError[] {
  const excluded = new Set<string>();
  const kept: VerboseError[] = [];
  for (const error of errors) {
    const nullIndex = error.keyword === 'oneOf' && Array.isArray(error.schema) ? (error.schema as { type?: unknown }[]).findIndex((option) => option.type === 'null') : -1;
    if (nullIndex > -1) excluded.add(`${error.schemaPath}/${nullIndex}/type`);
    else kept.push(error);
  }
  return kept.filter((error) => !excluded.has(error.schemaPath));
}

/** `name@version` of the package holding a file (its nearest package.json with a name). */
function packageVersion(file: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name) return `${manifest.name}@${manifest.version}`;
    } catch {
      // No package.json here; look further up.
    }
  }
  return file;
}
