import { readManifests, type ManifestDocument } from '../manifest';
import { compileOpenApiSchema, type SchemaObject } from './openapi-schema';
import type { KindSchema } from './package-schemas';

/** A schema source (a --crd file, a schema location) that cannot be used; the message names it and says why. */
export class SchemaSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaSourceError';
  }
}

/** The schema one CRD declares for one served version. */
interface ServedVersion {
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: SchemaObject;
  /** `file:line` of the CRD, for errors. */
  readonly origin: string;
}

/**
 * Custom resource schemas derived from CustomResourceDefinition manifests, as the API server
 * derives them: one per served version, from its `openAPIV3Schema`, with the x-kubernetes
 * extensions' meaning (see openapi-schema.ts). A schema is compiled when its kind is first met.
 */
export class CrdSchemas {
  private readonly versions = new Map<string, ServedVersion>();
  private readonly compiled = new Map<string, KindSchema>();

  /** Reads every CustomResourceDefinition in the documents; other kinds are ignored. */
  constructor(documents: readonly ManifestDocument[]) {
    for (const document of documents) {
      if (document.error) throw new SchemaSourceError(`${document.file}:${document.error.line}: ${document.error.message}`);
      const object = document.object as Record<string, unknown> | undefined;
      if (!isObject(object) || object.kind !== 'CustomResourceDefinition' || !String(object.apiVersion).startsWith('apiextensions.k8s.io/')) continue;
      for (const version of servedVersions(object, `${document.file}:${document.line}`)) {
        const key = `${version.apiVersion}/${version.kind}`;
        // The first definition of a kind wins, as files are read in sorted order.
        if (!this.versions.has(key)) this.versions.set(key, version);
      }
    }
  }

  /** How many apiVersion/kinds the CRDs define. */
  get size(): number {
    return this.versions.size;
  }

  /**
   * The schema of a custom resource kind, if a CRD defines it.
   * @throws SchemaSourceError when the CRD's schema is not a valid JSON Schema.
   */
  schemaFor(apiVersion: string, kind: string): KindSchema | undefined {
    const key = `${apiVersion}/${kind}`;
    const known = this.compiled.get(key);
    if (known) return known;
    const version = this.versions.get(key);
    if (version === undefined) return undefined;
    let schema: KindSchema;
    try {
      schema = { apiVersion, kind, ...compileOpenApiSchema(version.schema, { resource: true }) };
    } catch (error) {
      throw new SchemaSourceError(`${version.origin}: the openAPIV3Schema of ${kind} ${apiVersion} is not a valid schema: ${(error as Error).message}`);
    }
    this.compiled.set(key, schema);
    return schema;
  }
}

/**
 * Reads CRD manifests from files and folders (folders searched recursively for .yaml, .yml, .json).
 * @throws SchemaSourceError when a path holds no CustomResourceDefinition at all.
 * @throws ManifestInputError when a path cannot be read.
 */
export function readCrdFiles(paths: readonly string[]): CrdSchemas {
  const documents: ManifestDocument[] = [];
  for (const input of paths) {
    const found = readManifests([input]).documents;
    if (!found.some((document) => isObject(document.object) && document.object.kind === 'CustomResourceDefinition')) {
      throw new SchemaSourceError(`--crd ${input}: no CustomResourceDefinition found; give CRD manifests (kind: CustomResourceDefinition)`);
    }
    documents.push(...found);
  }
  return new CrdSchemas(documents);
}

/** apiextensions.k8s.io/v1 keeps a schema per version; v1beta1 may keep one for all in spec.validation. */
function servedVersions(crd: Record<string, unknown>, origin: string): ServedVersion[] {
  const spec = isObject(crd.spec) ? crd.spec : {};
  const names = isObject(spec.names) ? spec.names : {};
  const { group } = spec;
  const { kind } = names;
  if (typeof group !== 'string' || typeof kind !== 'string') {
    throw new SchemaSourceError(`${origin}: a CustomResourceDefinition needs spec.group and spec.names.kind`);
  }
  const sharedSchema = isObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  const listed = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : typeof spec.version === 'string' ? [{ name: spec.version }] : [];
  const served: ServedVersion[] = [];
  for (const version of listed) {
    if (version.served === false || typeof version.name !== 'string') continue;
    const own = isObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
    const schema = own ?? sharedSchema;
    // Without a schema (allowed by v1beta1) the API server keeps every field.
    served.push({ apiVersion: `${group}/${version.name}`, kind, schema: isObject(schema) ? schema : PRESERVE_UNKNOWN, origin });
  }
  return served;
}

const PRESERVE_UNKNOWN: SchemaObject = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
