/**
 * The policy set itself: its _test.rego files pass, every broken fixture is caught by exactly the
 * rule it is named for, and the clean fixture passes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_NAMESPACES, loadPolicies, readInputs, ruleId, runChecks, type CheckPlan } from '../../lib/policy';

const fixtures = path.join(__dirname, '..', 'fixtures', 'policy');
const clean = path.join(fixtures, 'clean');
const broken = path.join(fixtures, 'broken');
const environment = (name: string): Record<string, unknown> => ({ environment: { name, imageRegistries: ['registry.example.com'] } });
const plan: CheckPlan = { ...DEFAULT_NAMESPACES, promql: true };
const policies = loadPolicies(['policies']);

/** Every failure and warning of a check, as `rule file: message`. */
function findings(paths: string[], env: string): { rule: string | undefined; file: string; msg: string }[] {
  const results = runChecks(policies, [{ label: 'fixture', files: readInputs(paths), data: environment(env) }], plan);
  return results.flatMap((result) => [...result.failures, ...result.warnings].map((f) => ({ rule: ruleId(f), file: result.filename, msg: f.msg })));
}

/** The rule a broken fixture declares it violates (its first line: "violates K8S-…-… only"). */
function declaredRule(file: string): string {
  const match = /violates (K8S-[A-Z]+-\d{3}) only/.exec(fs.readFileSync(file, 'utf8').split('\n')[0]);
  if (!match) throw new Error(`${file}: the first line must say which rule the fixture violates`);
  return match[1];
}

describe('the policies', () => {
  it('pass their own _test.rego tests', () => {
    const results = policies.runTests();
    const failing = results.filter((result) => result.status !== 'PASS').map((result) => `${result.status} ${result.fullName} ${result.error ?? ''}`);
    expect(results.length).toBeGreaterThan(50);
    expect(failing).toEqual([]);
  });

  it('accept the clean fixture', () => {
    expect(findings([clean], 'staging')).toEqual([]);
  });

  const brokenFiles = fs
    .readdirSync(broken)
    .filter((name) => name.endsWith('.yaml'))
    .sort();

  it.each(brokenFiles)('catch broken/%s by exactly the rule it is named for', (name) => {
    const file = path.join(broken, name);
    const found = findings([clean, file], 'staging');
    expect(found.length).toBeGreaterThan(0);
    expect([...new Set(found.map((f) => f.rule))]).toEqual([declaredRule(file)]);
  });

  const productionFiles = fs.readdirSync(path.join(broken, 'production')).sort();

  it.each(productionFiles)('catch broken/production/%s by exactly the rule it is named for, in production only', (name) => {
    const file = path.join(broken, 'production', name);
    expect([...new Set(findings([file], 'production').map((f) => f.rule))]).toEqual([declaredRule(file)]);
  });

  it('cover every rule id with a broken fixture', () => {
    const ids = [...brokenFiles.map((name) => path.join(broken, name)), ...productionFiles.map((name) => path.join(broken, 'production', name))].map(declaredRule);
    const documented = [...fs.readFileSync('policies/README.md', 'utf8').matchAll(/^\| (K8S-[A-Z]+-\d{3}) \|/gm)].map((m) => m[1]);
    expect([...new Set(ids)].sort()).toEqual([...new Set(documented)].sort());
  });

  it('honour conftest exceptions by rule name', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-exception-'));
    const exception = path.join(folder, 'exception.rego');
    fs.writeFileSync(exception, 'package main\n\nimport rego.v1\n\nexception contains ["image_digest"] if {\n\tinput.kind == "CronJob"\n\tinput.metadata.name == "backup"\n}\n');
    try {
      const file = path.join(broken, 'production', 'image_without_digest.yaml');
      const results = runChecks(loadPolicies(['policies', exception]), [{ label: 'fixture', files: readInputs([file]), data: environment('production') }], plan);
      expect(results.flatMap((result) => result.failures)).toEqual([]);
      expect(results.flatMap((result) => result.exceptions.map((e) => e.msg))).toEqual(['data.main.exception[_][_] == "image_digest"']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
