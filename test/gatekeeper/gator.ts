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

/** The outcome of one case: empty `failures` means it passed. */
export interface CaseOutcome {
  readonly test: string;
  readonly name: string;
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
      const violations = review(template, constraint, singleObject(resolve(testCase.object), readFile));
      const failures = testCase.assertions.map((assertion) => checkAssertion(assertion, violations)).filter((f): f is string => f !== undefined);
      outcomes.push({ test: test.name, name: testCase.name, violations, failures });
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
  const request = object.kind === 'AdmissionReview' && String(object.apiVersion).startsWith('admission.k8s.io/') ? admissionRequest(object) : plainRequest(object);
  if (!matches(constraint, request)) return [];
  const input = { review: request, parameters: constraint.spec?.parameters ?? {} };
  const results = (template.policy.evaluate(`data.${template.entryPackage}.violation`, input) ?? []) as Json[];
  return results.map((r) => ({ msg: String(r.msg), details: (r.details ?? {}) as Record<string, unknown> }));
}

/**
 * gator's review of a plain object (Gatekeeper's unstructuredToAdmissionRequest): an admission
 * request with its kind, name, namespace and object, and the zero values Go's JSON encoding writes
 * for the other fields; no operation, no user.
 */
function plainRequest(object: Json): Json {
  const [group, version] = splitApiVersion(String(object.apiVersion ?? ''));
  const request: Json = {
    uid: '',
    kind: { group, version, kind: object.kind },
    resource: { group: '', version: '', resource: '' },
    operation: '',
    userInfo: {},
    object,
  };
  if (object.metadata?.name) request.name = object.metadata.name;
  if (object.metadata?.namespace) request.namespace = object.metadata.namespace;
  return request;
}

/** An AdmissionReview's request; for a DELETE, Gatekeeper reviews the old object as `object`. */
function admissionRequest(admissionReview: Json): Json {
  const request = admissionReview.request;
  if (!request) throw new Error('AdmissionReview: request did not actually pass in an AdmissionRequest');
  if (request.object === undefined && request.oldObject === undefined) throw new Error('AdmissionReview: AdmissionRequest does not contain an "object" or "oldObject" to review');
  return request.operation === 'DELETE' ? { ...request, object: request.oldObject } : request;
}

/** Gatekeeper's match for the criteria the generated constraints use; others are refused, not guessed. */
function matches(constraint: Json, request: Json): boolean {
  const match: Json = constraint.spec?.match ?? {};
  for (const key of Object.keys(match)) {
    if (!['kinds', 'namespaces', 'excludedNamespaces'].includes(key)) throw new Error(`constraint ${constraint.metadata?.name}: match.${key} is not supported by this runner`);
  }
  const { group, kind } = request.kind as Json;
  if (match.kinds !== undefined) {
    const listed = (match.kinds as Json[]).some(
      (entry) => (entry.apiGroups ?? []).some((g: string) => g === '*' || g === group) && (entry.kinds ?? []).some((k: string) => k === '*' || k === kind),
    );
    if (!listed) return false;
  }
  // A Namespace is matched by its own name; other cluster-scoped objects have no namespace to match.
  const namespace = group === '' && kind === 'Namespace' ? request.object?.metadata?.name : request.namespace;
  if (match.namespaces !== undefined && !(match.namespaces as string[]).includes(namespace)) return false;
  if (match.excludedNamespaces !== undefined && (match.excludedNamespaces as string[]).includes(namespace)) return false;
  return true;
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
