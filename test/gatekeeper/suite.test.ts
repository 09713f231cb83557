/**
 * test/gatekeeper/suite.yaml, run as `gator verify` runs it, on a fresh in-memory synthesis (so the
 * suite checks what the constructs generate now, not a dist/ that may lag behind).
 */
import * as fs from 'node:fs';
import * as yaml from 'yaml';
import { codeOf, policyModules } from '../../lib/constructs/gatekeeper-rego';
import { loadPolicySources } from '../../lib/policy-sources';
import { renderEnvironments } from '../../lib/synth';
import { admissionInput, isAdmissionReview, loadTemplate, runSuite, type ReadFile } from './gator';

const suitePath = 'test/gatekeeper/suite.yaml';
const tree = renderEnvironments('environments').tree;
const readFile: ReadFile = (repoPath) => {
  if (!repoPath.startsWith('dist/')) return fs.readFileSync(repoPath, 'utf8');
  const text = tree.get(repoPath.slice('dist/'.length));
  if (text === undefined) throw new Error(`${repoPath}: not synthesized; run npm run synth and fix the suite's paths`);
  return text;
};
const templatePaths = [...tree.keys()].filter((file) => file.includes('/constrainttemplate.templates.gatekeeper.sh_')).map((file) => `dist/${file}`);
const outcomes = runSuite(suitePath, readFile);
interface SuiteAssertion {
  violations?: unknown;
  message?: string;
}
const suite = yaml.parse(fs.readFileSync(suitePath, 'utf8')) as {
  tests: { name: string; template: string; constraint: string; cases: { name: string; object: string; assertions: SuiteAssertion[] }[] }[];
};

describe('the gator suite of the generated ConstraintTemplates', () => {
  it.each(outcomes.map((o) => [`${o.test}/${o.name}`, o]))('%s meets its assertions', (_name, outcome) => {
    expect({ case: `${outcome.test}/${outcome.name}`, failures: outcome.failures, violations: outcome.violations.map((v) => v.msg) }).toEqual({
      case: `${outcome.test}/${outcome.name}`,
      failures: [],
      violations: expect.any(Array),
    });
  });

  it('tests every production template with an allowed and a denied object', () => {
    const tested = new Map(suite.tests.map((test) => [`test/gatekeeper/${test.template}`.replace('test/gatekeeper/../../', ''), test]));
    const production = templatePaths.filter((file) => file.startsWith('dist/production/'));
    expect(production.length).toBeGreaterThan(0);
    for (const file of production) {
      const test = tested.get(file);
      expect({ file, tested: test !== undefined }).toEqual({ file, tested: true });
      const verdicts = test!.cases.map((c) => c.assertions.some((a) => a.violations === 'no' && a.message === undefined));
      expect({ file, allowed: verdicts.includes(true), denied: verdicts.includes(false) }).toEqual({ file, allowed: true, denied: true });
    }
  });

  it('covers the other environments too: their templates run the same Rego under their own names', () => {
    const normalise = (file: string, environment: string): unknown => {
      const template = yaml.parse(readFile(file));
      const source = template.spec.targets[0].code[0].source;
      return { rego: source.rego.replace(new RegExp(`videoplatform${environment}`, 'g'), 'NAME'), libs: source.libs };
    };
    const production = new Map(
      templatePaths.filter((f) => f.startsWith('dist/production/')).map((f) => [f.replace('videoplatformproduction', 'videoplatformENV').replace('dist/production/', ''), normalise(f, 'production')]),
    );
    for (const environment of ['development', 'staging']) {
      const files = templatePaths.filter((f) => f.startsWith(`dist/${environment}/`));
      expect(files.map((f) => f.replace(`videoplatform${environment}`, 'videoplatformENV').replace(`dist/${environment}/`, '')).sort()).toEqual([...production.keys()].sort());
      for (const file of files) {
        const key = file.replace(`videoplatform${environment}`, 'videoplatformENV').replace(`dist/${environment}/`, '');
        expect(normalise(file, environment)).toEqual(production.get(key));
      }
    }
  });

  it('compiles every generated template as Gatekeeper would (lib packages, imports, data references, violation)', () => {
    for (const file of templatePaths) expect(() => loadTemplate(file, readFile)).not.toThrow();
  });
});

describe('the gator runner refuses what Gatekeeper refuses', () => {
  const template = (source: Record<string, unknown>): ReadFile => () =>
    yaml.stringify({
      apiVersion: 'templates.gatekeeper.sh/v1',
      kind: 'ConstraintTemplate',
      metadata: { name: 'example' },
      spec: { crd: { spec: { names: { kind: 'Example' } } }, targets: [{ target: 'admission.k8s.gatekeeper.sh', code: [{ engine: 'Rego', source }] }] },
    });
  const entry = 'package example\n\nviolation contains {"msg": "no"} if input.review.object.kind == "Pod"\n';

  it('accepts a minimal v1 template', () => {
    expect(loadTemplate('t.yaml', template({ version: 'v1', rego: entry })).kind).toBe('Example');
  });

  it('refuses `import rego.v1`, which Gatekeeper reports as a bad import', () => {
    expect(() => loadTemplate('t.yaml', template({ version: 'v1', rego: entry.replace('\n\n', '\n\nimport rego.v1\n\n') }))).toThrow('bad import: "rego.v1"');
  });

  it('refuses data outside data.lib and data.inventory', () => {
    const rego = 'package example\n\nviolation contains {"msg": "no"} if data.environment.name == "production"\n';
    expect(() => loadTemplate('t.yaml', template({ version: 'v1', rego }))).toThrow('disallowed ref data.environment');
  });

  it('refuses a library whose package is not below lib.', () => {
    expect(() => loadTemplate('t.yaml', template({ version: 'v1', rego: entry, libs: ['package helpers\n\nx := 1\n'] }))).toThrow('must start with "lib."');
  });

  it('refuses an entry point without violation', () => {
    expect(() => loadTemplate('t.yaml', template({ version: 'v1', rego: 'package example\n\ndeny contains "no" if true\n' }))).toThrow('missing required rules: [violation]');
  });
});

describe('the gator runner reviews as Gatekeeper does', () => {
  const constraint = {
    kind: 'Example',
    metadata: { name: 'example' },
    spec: {
      match: { kinds: [{ apiGroups: ['', 'rbac.authorization.k8s.io'], kinds: ['Namespace', 'Pod', 'ClusterRole'] }], namespaces: ['video-app'] },
      parameters: { environment: { name: 'production' } },
    },
  };
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api', namespace: 'video-app' }, spec: { containers: [] } };
  const admissionReview = (request: Record<string, unknown>): Record<string, unknown> => ({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request });

  it('builds a plain object\'s request as unstructuredToAdmissionRequest does, in Go\'s JSON form', () => {
    expect(admissionInput(constraint, pod)).toEqual({
      review: {
        uid: '',
        kind: { group: '', version: 'v1', kind: 'Pod' },
        resource: { group: '', version: '', resource: '' },
        name: 'api',
        namespace: 'video-app',
        operation: '',
        userInfo: {},
        object: pod,
        oldObject: null,
        options: null,
      },
      parameters: { environment: { name: 'production' } },
    });
  });

  it('matches a cluster-scoped object whatever the namespaces, a Namespace by its name, others by their namespace', () => {
    const clusterRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] };
    expect(admissionInput(constraint, clusterRole)).toBeDefined();
    expect(admissionInput(constraint, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'video-app' } })).toBeDefined();
    expect(admissionInput(constraint, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } })).toBeUndefined();
    expect(admissionInput(constraint, { ...pod, metadata: { name: 'api', namespace: 'other' } })).toBeUndefined();
    expect(admissionInput(constraint, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api', namespace: 'video-app' } })).toBeUndefined();
  });

  it('reviews the old object of a DELETE, and fills what Go would leave at its zero value', () => {
    const input = admissionInput(constraint, admissionReview({ operation: 'DELETE', namespace: 'video-app', oldObject: pod }));
    expect(input?.review).toEqual({
      uid: '',
      kind: { group: '', version: '', kind: '' },
      resource: { group: '', version: '', resource: '' },
      namespace: 'video-app',
      operation: 'DELETE',
      userInfo: {},
      object: pod,
      oldObject: pod,
      options: null,
    });
  });

  it('refuses an AdmissionReview with fields AdmissionRequest does not have, as gator\'s strict conversion does', () => {
    expect(() => admissionInput(constraint, admissionReview({ operation: 'CREATE', object: pod, user: 'alice' }))).toThrow('unknown field(s) request.user');
    expect(() => admissionInput(constraint, admissionReview({ operation: 'CREATE', object: pod, userInfo: { name: 'alice' } }))).toThrow('request.userInfo.name');
  });

  it('refuses a DELETE without oldObject, and an unknown operation', () => {
    expect(() => admissionInput(constraint, admissionReview({ operation: 'DELETE', object: pod }))).toThrow('a DELETE request needs oldObject');
    expect(() => admissionInput(constraint, admissionReview({ operation: 'PATCH', object: pod }))).toThrow('operation PATCH');
  });
});

/**
 * Rules of the per-object policies that the cluster does not enforce, each with the reason and the
 * suite case that shows it (an object the rule denies in CI, admitted by Gatekeeper). Every other
 * rule of the templates needs a denied case; the tests below fail when a rule is in neither place,
 * or when a rule listed here becomes enforceable.
 */
const notEnforcedInCluster: Record<string, { readonly reason: string; readonly case: string }> = {
  'K8S-MON-001': {
    reason: 'whether PromQL parses is a TypeScript check of the CI runner, not Rego, so no template carries it',
    case: 'monitoring/promql-not-parsed-here',
  },
  'K8S-SCR-001': {
    reason:
      'it denies kind Secret, which no constraint matches: constraints match the kinds an environment deploys, plus Pod and Job ' +
      '(reviewedKinds in lib/constructs/gatekeeper.ts), and Secrets are made in the cluster, out of band',
    case: 'secrets/secret-object-not-reviewed',
  },
};

/** The kinds that hold a pod template (pod_template_locations in policies/lib/kubernetes.rego), by API group. */
const podKinds: readonly { group: string; kind: string }[] = [
  { group: '', kind: 'Pod' },
  { group: '', kind: 'PodTemplate' },
  { group: '', kind: 'ReplicationController' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'apps', kind: 'ReplicaSet' },
  { group: 'batch', kind: 'Job' },
  { group: 'batch', kind: 'CronJob' },
  { group: 'argoproj.io', kind: 'Rollout' },
];

/** The rule ids a Rego text reports: string literals "K8S-…-NNN" in its code, comments excluded. */
function ruleIdsInCode(text: string): Set<string> {
  return new Set(text.split('\n').flatMap((line) => [...codeOf(line).matchAll(/"(K8S-[A-Z]+-\d{3})"/g)].map((m) => m[1])));
}

/** The policy module a generated template wraps: its library `lib.policies.<module>`. */
function moduleOfTemplate(file: string): string {
  const template = yaml.parse(readFile(file));
  const libs: string[] = template.spec.targets[0].code[0].source.libs;
  const ids = libs.flatMap((lib) => [.../^package lib\.policies\.([A-Za-z0-9_]+)\s*$/m.exec(lib) ?? []].slice(1));
  if (ids.length !== 1) throw new Error(`${file}: wraps ${ids.length} policy modules, want one`);
  return ids[0];
}

const ruleIdPattern = /K8S-[A-Z]+-\d{3}/g;
const apiGroup = (apiVersion: unknown): string => (String(apiVersion ?? '').includes('/') ? String(apiVersion).split('/')[0] : '');

describe('the gator suite covers every rule the templates enforce', () => {
  // What feeds the templates: the app's policy sources, split into per-object modules as synthesis does.
  const sources = loadPolicySources();
  const modules = policyModules(sources);
  const rulesByModule = new Map(modules.map((module) => [module.id, ruleIdsInCode(module.libs.join('\n'))]));
  const templateRules = new Set([...rulesByModule.values()].flatMap((ids) => [...ids]));
  const testsByModule = new Map(suite.tests.map((test) => [moduleOfTemplate(`test/gatekeeper/${test.template}`.replace('test/gatekeeper/../../', '')), test]));
  const moduleOfTest = new Map([...testsByModule].map(([module, test]) => [test.name, module]));
  const outcomeOf = (name: string) => outcomes.find((o) => `${o.test}/${o.name}` === name);

  /** The cases of a test that deny by `rule`: they assert the total count and the count of `^rule: ` messages. */
  const deniedCases = (test: (typeof suite.tests)[number], rule: string): string[] =>
    test.cases
      .filter((c) => {
        const count = (a: SuiteAssertion): boolean => Number.isInteger(a.violations) && Number(a.violations) >= 1;
        const total = c.assertions.some((a) => (a.message ?? '') === '' && count(a));
        const byRule = c.assertions.some((a) => a.message?.startsWith(`^${rule}: `) && count(a));
        return total && byRule;
      })
      .map((c) => `${test.name}/${c.name}`);

  it('finds the rules in the policy sources: every per-object module has its template and its test', () => {
    expect(modules.length).toBeGreaterThan(0);
    expect([...testsByModule.keys()].sort()).toEqual(modules.map((module) => module.id).sort());
    expect(templateRules.size).toBeGreaterThan(30);
  });

  const enforced = [...rulesByModule].flatMap(([module, ids]) => [...ids].filter((id) => !(id in notEnforcedInCluster)).map((id) => [id, module] as const)).sort();

  it.each(enforced)('%s (module %s) has a denied case that checks its count and message, and the case passes', (rule, module) => {
    const test = testsByModule.get(module)!;
    const cases = deniedCases(test, rule);
    expect({ rule, deniedCases: cases.length > 0 }).toEqual({ rule, deniedCases: true });
    for (const name of cases) expect({ case: name, failures: outcomeOf(name)?.failures }).toEqual({ case: name, failures: [] });
  });

  it('names only rules of its own template in message assertions', () => {
    const unknown = suite.tests.flatMap((test) => {
      const own = rulesByModule.get(moduleOfTest.get(test.name)!)!;
      return test.cases.flatMap((c) =>
        c.assertions.flatMap((a) => [...(a.message ?? '').matchAll(ruleIdPattern)].map((m) => m[0]).filter((id) => !own.has(id)).map((id) => `${test.name}/${c.name}: ${id}`)),
      );
    });
    expect(unknown).toEqual([]);
  });

  it('gives every documented per-object rule a denied case or a reason: the rules no template carries are listed', () => {
    // policies/README.md documents every rule; package combined's rules are CI-only by design.
    const documented = new Set([...fs.readFileSync('policies/README.md', 'utf8').matchAll(/^\| (K8S-[A-Z]+-\d{3}) \|/gm)].map((m) => m[1]));
    const combined = ruleIdsInCode(sources.filter((source) => source.path.startsWith('policies/combined/')).map((source) => source.text).join('\n'));
    expect([...templateRules].filter((id) => !documented.has(id))).toEqual([]);
    const notInTemplates = [...documented].filter((id) => !combined.has(id) && !templateRules.has(id)).sort();
    expect(notInTemplates).toEqual(Object.keys(notEnforcedInCluster).filter((id) => !templateRules.has(id)).sort());
  });

  it.each(Object.entries(notEnforcedInCluster))('%s is not enforced in the cluster, and a case shows it', (rule, { case: name }) => {
    const outcome = outcomeOf(name);
    const test = suite.tests.find((t) => t.name === name.split('/')[0])!;
    const testCase = test.cases.find((c) => `${test.name}/${c.name}` === name);
    expect({ rule, case: testCase?.assertions, failures: outcome?.failures }).toEqual({ rule, case: [{ violations: 'no' }], failures: [] });
    if (!templateRules.has(rule)) return;
    // A rule the templates carry: its case's kind is matched by no environment's constraint of the template.
    const templateFile = `test/gatekeeper/${test.template}`.replace('test/gatekeeper/../../', '');
    const constraintFile = `test/gatekeeper/${test.constraint}`.replace('test/gatekeeper/../../', '');
    for (const environment of ['development', 'staging', 'production']) {
      const constraint = yaml.parse(readFile(constraintFile.replace(/production/g, environment)));
      expect(readFile(templateFile.replace(/production/g, environment))).toBeDefined();
      const object = { ...outcome!.object, metadata: { ...outcome!.object.metadata, namespace: constraint.spec.match.namespaces[0] } };
      expect({ rule, environment, reviewed: admissionInput(constraint, object) !== undefined }).toEqual({ rule, environment, reviewed: false });
    }
  });

  it('keeps, per template, an allowed object that the constraint reviews', () => {
    for (const test of suite.tests) {
      const allowed = test.cases.filter((c) => outcomeOf(`${test.name}/${c.name}`)?.input !== undefined && c.assertions.every((a) => a.violations === 'no' && (a.message ?? '') === ''));
      expect({ test: test.name, allowed: allowed.length > 0 }).toEqual({ test: test.name, allowed: true });
    }
  });

  it('denies on every pod kind the pod-security constraint matches, not only on Deployments', () => {
    const test = testsByModule.get('pod_security')!;
    const constraint = yaml.parse(readFile(`test/gatekeeper/${test.constraint}`.replace('test/gatekeeper/../../', '')));
    const matched = podKinds.filter(({ group, kind }) =>
      (constraint.spec.match.kinds as { apiGroups: string[]; kinds: string[] }[]).some((entry) => entry.apiGroups.includes(group) && entry.kinds.includes(kind)),
    );
    const denied = new Set(
      outcomes
        .filter((o) => o.test === test.name && o.violations.length > 0)
        .map((o) => (isAdmissionReview(o.object) ? o.input!.review.object : o.object))
        .map((object) => `${apiGroup(object.apiVersion)}/${object.kind}`),
    );
    expect(matched.map(({ group, kind }) => `${group}/${kind}`).filter((kind) => !denied.has(kind))).toEqual([]);
    expect(matched.length).toBeGreaterThan(1);
  });
});

describe('the gator suite gives each template the input Gatekeeper gives it', () => {
  const constraints = new Map(suite.tests.map((test) => [test.name, yaml.parse(readFile(`test/gatekeeper/${test.constraint}`.replace('test/gatekeeper/../../', '')))]));
  const reviewed = outcomes.filter((o) => o.input !== undefined);

  it.each(reviewed.map((o) => [`${o.test}/${o.name}`, o]))('%s: input.review is the admission request of its object, input.parameters the constraint\'s', (_name, outcome) => {
    const { review, parameters } = outcome.input!;
    const object = review.object;
    const [group, version] = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/') : ['', String(object.apiVersion)];
    const fromReview = isAdmissionReview(outcome.object);
    expect({
      kind: review.kind,
      name: review.name,
      namespace: review.namespace,
      operation: fromReview ? ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'].includes(review.operation) : review.operation,
      userInfo: typeof review.userInfo,
      uid: typeof review.uid,
      oldObjectOnDelete: review.operation === 'DELETE' ? review.oldObject : object,
    }).toEqual({
      kind: { group, version, kind: object.kind },
      name: object.metadata?.name,
      namespace: object.metadata?.namespace,
      operation: fromReview ? true : '',
      userInfo: 'object',
      uid: 'string',
      oldObjectOnDelete: object,
    });
    expect(parameters).toEqual(constraints.get(outcome.test).spec.parameters);
    expect(parameters.environment.name).toBe('production');
  });
});
