import { appendPointer, expandList, type ManifestDocument, type ManifestFileRead, type ManifestInputError, type ManifestSet } from '../manifest';
import { apiLifecycle, describeDeprecation, describeNotYetServed, describeRemoval, type ApiLifecycle } from './api-removals';
import { checkFields, UNLEARNED, type FieldProblem } from './field-check';
import { validateAndLearn } from './field-tree';
import { checkName, DNS1123_LABEL, nameRuleFor } from './names';
import { kindListed, resolveOptions, type ValidateOptions } from './options';
import { compareFindings, statusFromFindings, ValidationReport, type FileResults, type Finding, type ResourceResult, type ResourceStatus } from './result';
import { RULES } from './rules';
import { SchemaCatalog, type KindSchema } from './schema-catalog';
import { schemaProblems } from './schema-errors';

type Identity = Pick<ResourceResult, 'file' | 'index' | 'item' | 'line' | 'apiVersion' | 'kind' | 'namespace' | 'name'>;

/**
 * Validates manifest documents one at a time, like kubeconform's `ValidateResource`: each ends as
 * valid, invalid (the schema or the API server would say no), error (could not be checked), skipped
 * or empty. Schemas are loaded on first use of a kind and reused.
 */
export class Validator {
  readonly options: ValidateOptions;
  private readonly lifecycles = new Map<string, ApiLifecycle>();
  private readonly schemas = new Map<string, KindSchema | undefined>();

  private readonly catalog: SchemaCatalog;

  constructor(options: Partial<ValidateOptions> = {}, catalog?: SchemaCatalog) {
    this.options = resolveOptions(options);
    this.catalog = catalog ?? new SchemaCatalog(this.options);
  }

  /** Validates one document. Never throws for bad input; every problem becomes a finding. */
  async validateResource(document: ManifestDocument): Promise<ResourceResult> {
    await this.loadSchemas([document]);
    return this.validateLoaded(document);
  }

  /** Loads, in parallel, the schemas of every apiVersion/kind among the documents. */
  async loadSchemas(documents: Iterable<ManifestDocument>): Promise<void> {
    const wanted = new Map<string, [string, string]>();
    for (const document of documents) {
      const { apiVersion, kind } = typeMeta(document.object);
      const key = `${apiVersion}/${kind}`;
      if (apiVersion !== undefined && kind !== undefined && !this.schemas.has(key)) wanted.set(key, [apiVersion, kind]);
    }
    await Promise.all(
      [...wanted].map(async ([key, [apiVersion, kind]]) => {
        this.schemas.set(key, await this.catalog.schemaFor(apiVersion, kind));
      }),
    );
  }

  /** Validates a document whose schema {@link loadSchemas} has loaded (or found missing). */
  validateLoaded(document: ManifestDocument): ResourceResult {
    const resource = document.object;
    const object = isPlainObject(resource) ? resource : undefined;
    const identity = identify(document, object);
    if (document.error) {
      const { message, line } = document.error;
      return finish(identity, [{ rule: 'yaml-syntax', severity: 'error', path: '', line, message }]);
    }
    if (document.empty) return outcome(identity, 'empty', []);
    const duplicates = this.duplicateKeyFindings(document);
    const result = this.validateObject(document, object, identity);
    return duplicates.length === 0 ? result : finish(identity, [...duplicates, ...result.findings], result.reason, result.status);
  }

  /**
   * A repeated key, as kubeconform reads it: an error with --strict (sigs.k8s.io/yaml's strict
   * reading fails), a warning otherwise; either way the last value is what gets validated.
   */
  private duplicateKeyFindings(document: ManifestDocument): Finding[] {
    return document.duplicateKeys.map((duplicate) => ({
      rule: 'duplicate-key',
      severity: this.options.strict ? 'error' : 'warning',
      path: appendPointer(duplicate.mapping, duplicate.key),
      line: duplicate.line,
      message: `duplicate key ${JSON.stringify(duplicate.key)}: Kubernetes keeps only the last value; remove the other`,
    }));
  }

  private validateObject(document: ManifestDocument, object: Record<string, unknown> | undefined, identity: Identity): ResourceResult {
    if (object === undefined) {
      return finish(identity, [problemAt(document, { rule: 'not-an-object', path: '', message: 'a Kubernetes resource must be a mapping with apiVersion, kind and metadata' })]);
    }
    const { apiVersion, kind } = identity;
    if (apiVersion === undefined || kind === undefined) return finish(identity, identityProblems(document, identity));

    const { options } = this;
    if (kindListed(options.skipKinds, apiVersion, kind)) return outcome(identity, 'skipped', [], `${kind} is listed in --skip`);
    if (kindListed(options.rejectKinds, apiVersion, kind)) {
      return finish(identity, [problemAt(document, { rule: 'rejected-kind', path: '/kind', message: `prohibited resource kind ${kind} (listed in --reject)` })]);
    }

    const key = `${apiVersion}/${kind}`;
    const problems: FieldProblem[] = [];
    const lifecycle = this.lifecycleOf(key, apiVersion, kind);
    if (lifecycle.state === 'removed') {
      const message = describeRemoval(kind, lifecycle.removal, options.kubernetesVersion);
      return finish(identity, [problemAt(document, { rule: 'api-removed', path: '/apiVersion', message })]);
    }
    if (lifecycle.state === 'deprecated') problems.push({ rule: 'api-deprecated', path: '/apiVersion', message: describeDeprecation(kind, lifecycle.removal) });
    if (lifecycle.state === 'not-yet-served') {
      problems.push({ rule: 'api-not-yet-served', path: '/apiVersion', message: describeNotYetServed(apiVersion, kind, lifecycle.since, options.kubernetesVersion) });
    }

    if (!this.schemas.has(key)) throw new Error(`internal error: the schema of ${kind} ${apiVersion} was not loaded; call loadSchemas first`);
    const schema = this.schemas.get(key);
    if (schema === undefined) {
      // The release's schema set lacks a kind it does not serve yet; that, not a missing schema, is the problem.
      if (lifecycle.state === 'not-yet-served') return finish(identity, problems.map((problem) => problemAt(document, problem)));
      if (options.ignoreMissingSchemas) return outcome(identity, 'skipped', [], `no schema for ${kind} ${apiVersion}`);
      const message = `could not find a schema for ${kind} ${apiVersion}: check the apiVersion and kind, or pass --ignore-missing-schemas`;
      return finish(identity, [problemAt(document, { rule: 'missing-schema', path: '/kind', message })]);
    }
    problems.push(...metadataProblems(object, apiVersion, kind), ...checkSchema(schema, object, options.strict));
    return finish(identity, problems.map((problem) => problemAt(document, problem)));
  }

  private lifecycleOf(key: string, apiVersion: string, kind: string): ApiLifecycle {
    let lifecycle = this.lifecycles.get(key);
    if (lifecycle === undefined) {
      lifecycle = apiLifecycle(apiVersion, kind, this.options.kubernetesVersion);
      this.lifecycles.set(key, lifecycle);
    }
    return lifecycle;
  }
}

/** Reads and validates every document of a manifest set held in memory (lists expanded); `onProgress` is told after each one. */
export async function validateManifests(
  set: ManifestSet,
  options: Partial<ValidateOptions> = {},
  onProgress?: (done: number, total: number) => void,
): Promise<ValidationReport> {
  const validator = new Validator(options);
  const documents = set.documents.flatMap(expandList);
  await validator.loadSchemas(documents);
  const results: ResourceResult[] = [];
  for (const document of documents) {
    results.push(validator.validateLoaded(document));
    onProgress?.(results.length, documents.length);
  }
  return new ValidationReport(results, set.files);
}

/**
 * Validates files as they are read, yielding each file's results before the next file is read, so a
 * run holds one file at a time. Lists are expanded into their items; a path that could not be read
 * is one `error` result, and the run goes on.
 */
export async function* validateFiles(reads: Iterable<ManifestFileRead>, options: Partial<ValidateOptions> = {}): AsyncGenerator<FileResults> {
  const validator = new Validator(options);
  for (const read of reads) {
    if (read.problem) {
      yield { file: read.file, results: [unreadable(read.problem)] };
      continue;
    }
    const documents = read.documents.flatMap(expandList);
    await validator.loadSchemas(documents);
    yield { file: read.file, results: documents.map((document) => validator.validateLoaded(document)) };
  }
}

function unreadable(problem: ManifestInputError): ResourceResult {
  // Line 0: the problem is the path itself, not a place in a file.
  const identity: Identity = { file: problem.inputPath, index: 0, item: undefined, line: 0, apiVersion: undefined, kind: undefined, namespace: undefined, name: undefined };
  return finish(identity, [{ rule: 'unreadable-path', severity: 'error', path: '', line: 0, message: problem.reason }]);
}

function checkSchema(schema: KindSchema, resource: Record<string, unknown>, strict: boolean): FieldProblem[] {
  let fieldProblems = checkFields(resource, schema.fields, strict);
  let valid: boolean;
  if (fieldProblems === UNLEARNED) {
    valid = validateAndLearn(schema.validate, resource, schema.fields);
    fieldProblems = checkFields(resource, schema.fields, strict);
    if (fieldProblems === UNLEARNED) throw new Error(`internal error: learning the fields of ${schema.kind} ${schema.apiVersion} did not cover the resource`);
  } else {
    valid = schema.validate(resource);
  }
  const errors = valid ? [] : schemaProblems(schema.validate.errors ?? [], resource);
  return [...errors, ...fieldProblems];
}

function metadataProblems(resource: Record<string, unknown>, apiVersion: string, kind: string): FieldProblem[] {
  const metadata = resource.metadata;
  if (metadata === undefined) return [{ rule: 'missing-name', path: '/metadata', message: 'missing metadata: set metadata.name (or metadata.generateName)' }];
  if (!isPlainObject(metadata)) return [];
  const problems: FieldProblem[] = [];
  const rule = nameRuleFor(apiVersion, kind);
  const { name, generateName, namespace } = metadata;
  if (typeof name === 'string') {
    const message = checkName(name, rule);
    if (message) problems.push({ rule: 'invalid-name', path: '/metadata/name', message: `${message} (${kind} names)` });
  } else if (typeof generateName === 'string') {
    const message = checkName(generateName, rule, true);
    if (message) problems.push({ rule: 'invalid-name', path: '/metadata/generateName', message: `${message} (${kind} names)` });
  } else if (name === undefined) {
    problems.push({ rule: 'missing-name', path: '/metadata/name', message: 'missing metadata.name: set it (or metadata.generateName)' });
  }
  if (typeof namespace === 'string') {
    const message = checkName(namespace, DNS1123_LABEL);
    if (message) problems.push({ rule: 'invalid-name', path: '/metadata/namespace', message: `${message} (namespaces)` });
  }
  return problems;
}

/** Where a document is and what it says it is; every field present (possibly undefined) so results share one shape. */
function identify(document: ManifestDocument, resource: Record<string, unknown> | undefined): Identity {
  const metadata = resource !== undefined && isPlainObject(resource.metadata) ? resource.metadata : undefined;
  const generateName = nonEmptyString(metadata?.generateName);
  return {
    file: document.file,
    index: document.index,
    item: document.item,
    line: document.line,
    apiVersion: nonEmptyString(resource?.apiVersion),
    kind: nonEmptyString(resource?.kind),
    namespace: nonEmptyString(metadata?.namespace),
    // kubeconform names a resource by generateName with a placeholder for the generated suffix.
    name: nonEmptyString(metadata?.name) ?? (generateName && `${generateName}{{ generateName }}`),
  };
}

function typeMeta(resource: unknown): { apiVersion?: string; kind?: string } {
  if (!isPlainObject(resource)) return {};
  return { apiVersion: nonEmptyString(resource.apiVersion), kind: nonEmptyString(resource.kind) };
}

function identityProblems(document: ManifestDocument, identity: Identity): Finding[] {
  const findings: Finding[] = [];
  if (identity.apiVersion === undefined) {
    findings.push(problemAt(document, { rule: 'missing-api-version', path: '/apiVersion', message: "missing 'apiVersion' key: set it, e.g. apps/v1" }));
  }
  if (identity.kind === undefined) findings.push(problemAt(document, { rule: 'missing-kind', path: '/kind', message: "missing 'kind' key: set it, e.g. Deployment" }));
  return findings;
}

function problemAt(document: ManifestDocument, problem: FieldProblem): Finding {
  const severity = RULES[problem.rule].effect === 'warning' ? 'warning' : 'error';
  return { ...problem, severity, line: document.lineOf(problem.path) };
}

/**
 * The result of a resource from its findings. `reason` and `floor` carry over an outcome decided
 * before the findings (skipped, or an error such as a missing schema) that the findings must not
 * turn back into valid.
 */
function finish(identity: Identity, findings: Finding[], reason?: string, floor: ResourceStatus = 'valid'): ResourceResult {
  if (findings.length === 0) return outcome(identity, floor, findings, reason);
  const sorted = [...findings].sort(compareFindings);
  const status = statusFromFindings(sorted);
  return outcome(identity, STATUS_RANK[floor] > STATUS_RANK[status] ? floor : status, sorted, reason);
}

/** Which status wins when two apply: an error over invalid over the rest. */
const STATUS_RANK: Readonly<Record<ResourceStatus, number>> = { empty: 0, valid: 0, skipped: 1, invalid: 2, error: 3 };

/** Spelled out rather than spread: this runs for every resource, and one object shape keeps it fast. */
function outcome(identity: Identity, status: ResourceStatus, findings: Finding[], reason?: string): ResourceResult {
  return {
    file: identity.file,
    index: identity.index,
    item: identity.item,
    line: identity.line,
    apiVersion: identity.apiVersion,
    kind: identity.kind,
    namespace: identity.namespace,
    name: identity.name,
    status,
    reason,
    findings,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
