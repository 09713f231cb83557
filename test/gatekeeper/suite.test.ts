/**
 * test/gatekeeper/suite.yaml, run as `gator verify` runs it, on a fresh in-memory synthesis (so the
 * suite checks what the constructs generate now, not a dist/ that may lag behind).
 */
import * as fs from 'node:fs';
import * as yaml from 'yaml';
import { renderEnvironments } from '../../lib/synth';
import { admissionInput, loadTemplate, runSuite, type ReadFile } from './gator';

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
const suite = yaml.parse(fs.readFileSync(suitePath, 'utf8')) as { tests: { name: string; template: string; cases: { assertions: { violations?: unknown; message?: string }[] }[] }[] };

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
