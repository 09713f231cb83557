/**
 * Runs gator test suites (`gator verify`'s format: Suite → tests → cases → assertions) on the
 * project's Rego engine, as gator runs them on OPA: the template is checked as Gatekeeper's
 * constraint framework checks it, the constraint's `match` decides whether a case object is
 * reviewed at all, and the entry point's `violation` set is evaluated with
 * `input = {review, parameters}`. The behaviour follows gator's pkg/gator/verify (runner.go,
 * assertions) and the framework's regorewriter; what it does not implement it refuses with an error.
 */
import * as path from 'node:path';
import * as yaml from 'yaml';
import { compile, type CompiledPolicy } from '../../lib/rego';

/** Reads a file by its path from the repository root (`test/gatekeeper/cases/x.yaml`, `dist/…`). */
export type ReadFile = (repoPath: string) => string;

/** One `violation` result as Gatekeeper returns it. */
export interface Violation {
  readonly msg: string;
  readonly details: Record<string, unknown>;
}

/** Gatekeeper's `input` to a template: the admission request under review and the constraint's parameters. */
export interface AdmissionInput {
  readonly review: Json;
  readonly parameters: Json;
}

/** The outcome of one case: empty `failures` means it passed. */
export interface CaseOutcome {
  readonly test: string;
  readonly name: string;
  /** The case's object as read from its file (a plain object or an AdmissionReview). */
  readonly object: Json;
  /** The template's input, or undefined when the constraint's `match` leaves the object out (not reviewed). */
  readonly input: AdmissionInput | undefined;
  readonly violations: readonly Violation[];
  readonly failures: readonly string[];
}

interface Assertion {
  violations?: string | number | boolean;
  message?: string;
}

interface SuiteCase {
  name: string;
  object: string;
  assertions?: Assertion[];
  inventory?: string[];
  skip?: boolean;
}

interface SuiteTest {
  name: string;
  template: string;
  constraint: string;
  cases?: SuiteCase[];
  skip?: boolean;
}

type Json = Record<string, any>;

/** A template compiled as Gatekeeper would, with its constraint kind and entry package. */
export interface LoadedTemplate {
  readonly kind: string;
  readonly entryPackage: string;
  readonly policy: CompiledPolicy;
}

/** Runs every case of the suite at `suitePath` (repository-relative). */
export function runSuite(suitePath: string, readFile: ReadFile): CaseOutcome[] {
  const suite = yaml.parse(readFile(suitePath)) as Json;
  if (suite?.kind !== 'Suite' || suite?.apiVersion !== 'test.gatekeeper.sh/v1alpha1') {
    throw new Error(`${suitePath}: not a gator Suite (kind: Suite, apiVersion: test.gatekeeper.sh/v1alpha1)`);
  }
  const dir = path.posix.dirname(suitePath);
  const resolve = (relative: string): string => {
    if (path.posix.isAbsolute(relative)) throw new Error(`${suitePath}: ${relative}: gator takes paths relative to the suite only`);
    return path.posix.join(dir, relative);
  };
  const outcomes: CaseOutcome[] = [];
  for (const test of (suite.tests ?? []) as SuiteTest[]) {
    if (test.skip) continue;
    const template = loadTemplate(resolve(test.template), readFile);
    const constraint = singleObject(resolve(test.constraint), readFile);
    if (constraint.kind !== template.kind) {
      throw new Error(`${test.name}: the constraint is a ${constraint.kind}, but the template defines ${template.kind}`);
    }
    for (const testCase of test.cases ?? []) {
      if (testCase.skip) continue;
      if (testCase.inventory?.length) throw new Error(`${test.name}/${testCase.name}: inventory (data.inventory) is not supported by this runner`);
      if (!testCase.assertions?.length) throw new Error(`${test.name}/${testCase.name}: assertions must be non-empty`);
      const object = singleObject(resolve(testCase.object), readFile);
      const input = admissionInput(constraint, object);
      const violations = input === undefined ? [] : evaluate(template, input);
      const failures = testCase.assertions.map((assertion) => checkAssertion(assertion, violations)).filter((f): f is string => f !== undefined);
      outcomes.push({ test: test.name, name: testCase.name, object, input, violations, failures });
    }
  }
  return outcomes;
}

/** Reads a ConstraintTemplate and compiles its admission Rego, refusing what Gatekeeper refuses. */
export function loadTemplate(file: string, readFile: ReadFile): LoadedTemplate {
  const template = singleObject(file, readFile);
  if (template.apiVersion !== 'templates.gatekeeper.sh/v1' || template.kind !== 'ConstraintTemplate') {
    throw new Error(`${file}: not a templates.gatekeeper.sh/v1 ConstraintTemplate`);
  }
  const kind: string = template.spec?.crd?.spec?.names?.kind;
  if (template.metadata?.name !== String(kind).toLowerCase()) {
    throw new Error(`${file}: metadata.name ${template.metadata?.name} must be the lowercase kind ${String(kind).toLowerCase()}`);
  }
  const target = (template.spec?.targets ?? []).find((t: Json) => t.target === 'admission.k8s.gatekeeper.sh');
  if (!target) throw new Error(`${file}: no target admission.k8s.gatekeeper.sh`);
  const code = (target.code ?? []).find((c: Json) => c.engine === 'Rego');
  // The legacy `rego` field wins over `code` in Gatekeeper; both are v0 unless `source.version` says v1.
  const source: Json = target.rego !== undefined ? { rego: target.rego, libs: target.libs } : code?.source;
  if (!source?.rego) throw new Error(`${file}: no Rego (targets[].code[engine: Rego].source.rego)`);
  const version = source.version === 'v1' ? 'v1' : 'v0';
  const libs: string[] = source.libs ?? [];
  const entryPackage = packageOf(source.rego, `${file}: rego`);
  libs.forEach((lib, index) => {
    const pkg = packageOf(lib, `${file}: libs[${index}]`);
    if (!/^lib\.[A-Za-z_]/.test(pkg)) throw new Error(`${file}: libs[${index}]: package ${pkg} must start with "lib." (Gatekeeper's lib prefix)`);
  });
  [source.rego, ...libs].forEach((text: string, index: number) => checkSandbox(text, index === 0 ? `${file}: rego` : `${file}: libs[${index - 1}]`));
  const policy = compile(
    [{ path: 'template', text: source.rego }, ...libs.map((text, index) => ({ path: `libs/lib_${index}`, text }))],
    { regoVersion: version },
  );
  if (!(policy.rules().get(entryPackage) ?? []).includes('violation')) {
    throw new Error(`${file}: invalid module: missing required rules: [violation]`);
  }
  return { kind, entryPackage, policy };
}

/** The violations of one object (plain, or an AdmissionReview) under one constraint. */
export function review(template: LoadedTemplate, constraint: Json, object: Json): Violation[] {
  const input = admissionInput(constraint, object);
  return input === undefined ? [] : evaluate(template, input);
}

/**
 * The `input` Gatekeeper gives the template for one case object, or undefined when the constraint
 * does not match it: `review` is the admission request (built from a plain object as gator does,
 * or taken from an AdmissionReview), in the JSON form Go writes it, and `parameters` the
 * constraint's `spec.parameters` ({} when it has none, as the constraint framework defaults them).
 */
export function admissionInput(constraint: Json, object: Json): AdmissionInput | undefined {
  const request = isAdmissionReview(object) ? admissionRequest(object) : plainRequest(object);
  if (!matches(constraint, request)) return undefined;
  return { review: request, parameters: constraint.spec?.parameters ?? {} };
}

function evaluate(template: LoadedTemplate, input: AdmissionInput): Violation[] {
  const results = (template.policy.evaluate(`data.${template.entryPackage}.violation`, input) ?? []) as Json[];
  return results.map((r) => ({ msg: String(r.msg), details: (r.details ?? {}) as Record<string, unknown> }));
}

/** gator reviews an object as an AdmissionReview when its kind is AdmissionReview of group admission.k8s.io. */
export function isAdmissionReview(object: Json): boolean {
  return object.kind === 'AdmissionReview' && splitApiVersion(String(object.apiVersion ?? ''))[0] === 'admission.k8s.io';
}

/**
 * gator's review of a plain object (Gatekeeper's unstructuredToAdmissionRequest): an admission
 * request with its kind, name, namespace and object, and the zero values Go's JSON encoding writes
 * for the other fields (a RawExtension without content is `null`); no operation, no user.
 */
function plainRequest(object: Json): Json {
  const [group, version] = splitApiVersion(String(object.apiVersion ?? ''));
  return goAdmissionRequest({
    kind: { group, version, kind: object.kind },
    ...(object.metadata?.name ? { name: object.metadata.name } : {}),
    ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
    object,
  });
}

/** The fields of admission.k8s.io/v1 AdmissionRequest, and of its userInfo, that gator accepts. */
const admissionRequestFields = new Set([
  'uid', 'kind', 'resource', 'subResource', 'requestKind', 'requestResource', 'requestSubResource',
  'name', 'namespace', 'operation', 'userInfo', 'object', 'oldObject', 'dryRun', 'options',
]);
const userInfoFields = new Set(['username', 'uid', 'groups', 'extra']);
const admissionOperations = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

/**
 * An AdmissionReview's request as gator reviews it: converted strictly (unknown fields are an
 * error), and for a DELETE the old object becomes `object` (Gatekeeper's SetObjectOnDelete).
 */
function admissionRequest(admissionReview: Json): Json {
  const unknown = Object.keys(admissionReview).filter((key) => !['apiVersion', 'kind', 'request', 'response'].includes(key));
  const request = admissionReview.request;
  if (!request) throw new Error('AdmissionReview: request did not actually pass in an AdmissionRequest');
  unknown.push(...Object.keys(request).filter((key) => !admissionRequestFields.has(key)).map((key) => `request.${key}`));
  unknown.push(...Object.keys(request.userInfo ?? {}).filter((key) => !userInfoFields.has(key)).map((key) => `request.userInfo.${key}`));
  if (unknown.length > 0) throw new Error(`AdmissionReview: unable to convert to an AdmissionReview object: unknown field(s) ${unknown.join(', ')}`);
  if (request.operation !== undefined && !admissionOperations.has(request.operation)) {
    throw new Error(`AdmissionReview: operation ${String(request.operation)} is none of ${[...admissionOperations].join(', ')}`);
  }
  if (request.object === undefined && request.oldObject === undefined) throw new Error('AdmissionReview: AdmissionRequest does not contain an "object" or "oldObject" to review');
  if (request.operation === 'DELETE') {
    if (request.oldObject === undefined || request.oldObject === null) throw new Error('AdmissionReview: a DELETE request needs oldObject');
    return goAdmissionRequest({ ...request, object: request.oldObject });
  }
  return goAdmissionRequest(request);
}

/**
 * An AdmissionRequest as Go writes it to JSON, which is how the constraint framework hands it to
 * Rego: fields without `omitempty` appear with their zero values.
 */
function goAdmissionRequest(request: Json): Json {
  const gvk = (value: Json | undefined): Json => ({ group: '', version: '', kind: '', ...(value ?? {}) });
  const gvr = (value: Json | undefined): Json => ({ group: '', version: '', resource: '', ...(value ?? {}) });
  return {
    uid: '',
    operation: '',
    userInfo: {},
    object: null,
    oldObject: null,
    options: null,
    ...request,
    kind: gvk(request.kind),
    resource: gvr(request.resource),
  };
}

/**
 * Gatekeeper's match (pkg/mutation/match) for the criteria the generated constraints use; others
 * are refused, not guessed. An empty list of groups or kinds matches every one. The namespace is
 * the object's own (gator has no namespace cache to look the request's up in); a Namespace is
 * matched by its name, and other cluster-scoped objects pass `namespaces` and
 * `excludedNamespaces` (Gatekeeper's docs: "will match on cluster scoped resources").
 */
function matches(constraint: Json, request: Json): boolean {
  const match: Json = constraint.spec?.match ?? {};
  for (const key of Object.keys(match)) {
    if (!['kinds', 'namespaces', 'excludedNamespaces'].includes(key)) throw new Error(`constraint ${constraint.metadata?.name}: match.${key} is not supported by this runner`);
  }
  const [group] = splitApiVersion(String(request.object?.apiVersion ?? ''));
  const kind = request.object?.kind;
  const anyOf = (list: string[] | undefined, value: string): boolean => list === undefined || list.length === 0 || list.includes('*') || list.includes(value);
  if (match.kinds !== undefined && match.kinds.length > 0) {
    if (!(match.kinds as Json[]).some((entry) => anyOf(entry.kinds, kind) && anyOf(entry.apiGroups, group))) return false;
  }
  const namespace: string = group === '' && kind === 'Namespace' ? (request.object?.metadata?.name ?? '') : (request.object?.metadata?.namespace ?? '');
  if (namespace === '') return true;
  if (match.namespaces !== undefined && match.namespaces.length > 0 && !(match.namespaces as string[]).some((pattern) => namespaceMatches(pattern, namespace))) return false;
  if (match.excludedNamespaces !== undefined && (match.excludedNamespaces as string[]).some((pattern) => namespaceMatches(pattern, namespace))) return false;
  return true;
}

/** A namespace pattern: a name, or a prefix (`kube-*`) or suffix (`*-system`) glob. */
function namespaceMatches(pattern: string, namespace: string): boolean {
  if (pattern.endsWith('*')) return namespace.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return namespace.endsWith(pattern.slice(1));
  return pattern === namespace;
}

/** gator's assertion: `violations` yes (≥ 1), no (0) or N (exactly N) among those whose msg matches `message`. */
function checkAssertion(assertion: Assertion, violations: readonly Violation[]): string | undefined {
  const pattern = assertion.message ? new RegExp(assertion.message) : undefined;
  const matching = violations.filter((v) => pattern === undefined || pattern.test(v.msg)).length;
  const want = assertion.violations ?? 'yes';
  const about = pattern ? ` matching /${assertion.message}/` : '';
  if (want === 'yes' || want === true) return matching > 0 ? undefined : `got no violations${about}, want at least one`;
  if (want === 'no' || want === false) return matching === 0 ? undefined : `got ${matching} violations${about}, want none`;
  const count = Number(want);
  if (!Number.isInteger(count) || count < 0) throw new Error(`assertion violations: ${String(want)} must be yes, no or a non-negative integer`);
  return matching === count ? undefined : `got ${matching} violations${about}, want ${count}`;
}

/**
 * What the constraint framework's regorewriter refuses: imports other than `data.lib…` and
 * `future.…` (so also `import rego.v1`), imports of `input`, and `data` outside `data.lib` and
 * `data.inventory`.
 */
function checkSandbox(text: string, where: string): void {
  text.split('\n').forEach((line, index) => {
    const code = line.replace(/#.*$/, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const imported = /^\s*import\s+([^\s]+)/.exec(code);
    if (imported && !/^data\.lib\./.test(imported[1]) && !/^future\./.test(imported[1])) {
      throw new Error(`${where}:${index + 1}: invalid import: bad import: "${imported[1]}"`);
    }
    for (const ref of code.matchAll(/\bdata\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
      if (ref[1] !== 'lib' && ref[1] !== 'inventory') throw new Error(`${where}:${index + 1}: check refs failed: disallowed ref data.${ref[1]}`);
    }
  });
}

function packageOf(text: string, where: string): string {
  const match = /^package\s+([A-Za-z_][\w.]*)/m.exec(text);
  if (!match) throw new Error(`${where}: no package`);
  return match[1];
}

function singleObject(file: string, readFile: ReadFile): Json {
  const documents = yaml.parseAllDocuments(readFile(file)).map((d) => d.toJS() as Json).filter((d) => d !== null);
  if (documents.length !== 1) throw new Error(`${file}: defines ${documents.length} objects, want exactly one`);
  return documents[0];
}

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}
