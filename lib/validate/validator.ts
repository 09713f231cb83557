import type { ManifestDocument, ManifestSet } from '../manifest';
import { apiLifecycle, describeDeprecation, describeNotYetServed, describeRemoval } from './api-removals';
import { checkFields, UNLEARNED, type FieldProblem } from './field-check';
import { validateAndLearn } from './field-tree';
import { checkName, DNS1123_LABEL, nameRuleFor } from './names';
import { kindListed, resolveOptions, type ValidateOptions } from './options';
import { compareFindings, statusFromFindings, ValidationReport, type Finding, type ResourceResult } from './result';
import { RULES } from './rules';
import { SchemaCatalog, type KindSchema } from './schema-catalog';
import { schemaProblems } from './schema-errors';

type Identity = Pick<ResourceResult, 'file' | 'index' | 'line' | 'apiVersion' | 'kind' | 'namespace' | 'name'>;

/**
 * Validates manifest documents one at a time, like kubeconform's `ValidateResource`: each ends as
 * valid, invalid (the schema or the API server would say no), error (could not be checked), skipped
 * or empty. Schemas are loaded on first use of a kind and reused.
 */
export class Validator {
  readonly options: ValidateOptions;

  constructor(options: Partial<ValidateOptions> = {}, private readonly catalog = new SchemaCatalog()) {
    this.options = resolveOptions(options);
  }

  /** Validates one document. Never throws for bad input; every problem becomes a finding. */
  async validateResource(document: ManifestDocument): Promise<ResourceResult> {
    const base: Identity = { file: document.file, index: document.index, line: document.line };
    if (document.error) {
      const { reason, message, line } = document.error;
      // A document with a repeated key still says what it is; name it in the report.
      const identity = isPlainObject(document.object) ? identify(base, document.object) : base;
      return finish(identity, [{ rule: reason === 'duplicate-key' ? 'duplicate-key' : 'yaml-syntax', severity: 'error', path: '', line, message }]);
    }
    if (document.empty) return { ...base, status: 'empty', findings: [] };
    const resource = document.object;
    if (!isPlainObject(resource)) {
      return finish(base, [problemAt(document, { rule: 'not-an-object', path: '', message: 'a Kubernetes resource must be a mapping with apiVersion, kind and metadata' })]);
    }
    const identity = identify(base, resource);
    const { apiVersion, kind } = identity;
    if (apiVersion === undefined || kind === undefined) return finish(identity, identityProblems(document, identity));

    const { options } = this;
    if (kindListed(options.skipKinds, apiVersion, kind)) return { ...identity, status: 'skipped', reason: `${kind} is listed in --skip`, findings: [] };
    if (kindListed(options.rejectKinds, apiVersion, kind)) {
      return finish(identity, [problemAt(document, { rule: 'rejected-kind', path: '/kind', message: `prohibited resource kind ${kind} (listed in --reject)` })]);
    }

    const problems: FieldProblem[] = [];
    const lifecycle = apiLifecycle(apiVersion, kind, options.kubernetesVersion);
    if (lifecycle.state === 'removed') {
      const message = describeRemoval(kind, lifecycle.removal, options.kubernetesVersion);
      return finish(identity, [problemAt(document, { rule: 'api-removed', path: '/apiVersion', message })]);
    }
    if (lifecycle.state === 'deprecated') problems.push({ rule: 'api-deprecated', path: '/apiVersion', message: describeDeprecation(kind, lifecycle.removal) });
    if (lifecycle.state === 'not-yet-served') {
      problems.push({ rule: 'api-not-yet-served', path: '/apiVersion', message: describeNotYetServed(apiVersion, kind, lifecycle.since, options.kubernetesVersion) });
    }

    const schema = await this.catalog.schemaFor(apiVersion, kind);
    if (schema === undefined) {
      if (options.ignoreMissingSchemas) return { ...identity, status: 'skipped', reason: `no schema for ${kind} ${apiVersion}`, findings: [] };
      const message = `could not find a schema for ${kind} ${apiVersion}: check the apiVersion and kind, or pass --ignore-missing-schemas`;
      return finish(identity, [problemAt(document, { rule: 'missing-schema', path: '/kind', message })]);
    }
    problems.push(...metadataProblems(resource, apiVersion, kind), ...checkSchema(schema, resource, options.strict));
    return finish(identity, problems.map((problem) => problemAt(document, problem)));
  }
}

/** Reads and validates every document of a manifest set; `onProgress` is told after each one. */
export async function validateManifests(
  set: ManifestSet,
  options: Partial<ValidateOptions> = {},
  onProgress?: (done: number, total: number) => void,
): Promise<ValidationReport> {
  const validator = new Validator(options);
  const results: ResourceResult[] = [];
  for (const document of set.documents) {
    results.push(await validator.validateResource(document));
    onProgress?.(results.length, set.documents.length);
  }
  return new ValidationReport(results, set.files);
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

function identify(base: Identity, resource: Record<string, unknown>): Identity {
  const metadata = isPlainObject(resource.metadata) ? resource.metadata : {};
  return {
    ...base,
    apiVersion: nonEmptyString(resource.apiVersion),
    kind: nonEmptyString(resource.kind),
    namespace: nonEmptyString(metadata.namespace),
    name: nonEmptyString(metadata.name) ?? nonEmptyString(metadata.generateName),
  };
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

function finish(identity: Identity, findings: Finding[]): ResourceResult {
  const sorted = [...findings].sort(compareFindings);
  return { ...identity, status: statusFromFindings(sorted), findings: sorted };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
