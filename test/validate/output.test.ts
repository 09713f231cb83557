import { formatterFor, OUTPUT_FORMATS, UnknownFormatError } from '../../lib/validate/output';
import { sampleReport } from './support/report';

const quiet = { verbose: false, summary: true };
const render = (format: string, options = quiet): string => formatterFor(format)(sampleReport(), options);

describe('formatterFor', () => {
  it('knows json, junit, sarif, tap and text', () => {
    expect(OUTPUT_FORMATS).toEqual(['json', 'junit', 'sarif', 'tap', 'text']);
  });

  it('rejects an unknown format instead of falling back', () => {
    expect(() => formatterFor('yaml')).toThrow(UnknownFormatError);
    expect(() => formatterFor('toString')).toThrow('unknown output format "toString": use one of json, junit, sarif, tap, text');
  });
});

describe('text', () => {
  it('prints one located line per finding and the kubeconform summary line', () => {
    expect(render('text')).toBe(
      [
        "a.yaml:1 - ConfigMap/settings failed validation: /apiVersion: missing 'apiVersion' key",
        'a.yaml:12 - Deployment/video/web is invalid: /spec/replica: unknown field "replica": did you mean "replicas"?',
        'b.yaml:9 - PodDisruptionBudget/pdb has a warning: /apiVersion: policy/v1beta1 is deprecated <& "soon">',
        'Summary: 5 resources found in 2 files - Valid: 2, Invalid: 1, Errors: 1, Skipped: 1',
        '',
      ].join('\n'),
    );
  });

  it('lists valid and skipped resources with --verbose and omits the summary on request', () => {
    const text = render('text', { verbose: true, summary: false });
    expect(text).toContain('b.yaml:1 - Service/web is valid\n');
    expect(text).toContain('b.yaml:5 - Widget/w skipped: Widget is listed in --skip\n');
    expect(text).not.toContain('Summary:');
  });
});

describe('json', () => {
  it('lists resources that are not valid or carry warnings, and the summary', () => {
    const json = JSON.parse(render('json'));
    expect(json.resources.map((r: { kind?: string; status: string }) => `${r.kind}:${r.status}`)).toEqual(['ConfigMap:error', 'Deployment:invalid', 'PodDisruptionBudget:valid']);
    expect(json.resources[1].findings).toEqual([
      { rule: 'unknown-field', severity: 'error', line: 12, path: '/spec/replica', message: 'unknown field "replica": did you mean "replicas"?' },
    ]);
    expect(json.summary.invalid).toBe(1);
  });

  it('lists every document with --verbose', () => {
    expect(JSON.parse(render('json', { verbose: true, summary: true })).resources).toHaveLength(6);
  });
});

describe('junit', () => {
  const xml = render('junit');

  it('has a suite per file and a case per non-empty resource, with escaped text', () => {
    expect(xml).toContain('<testsuites name="validate" tests="5" failures="1" errors="1" skipped="1">');
    expect(xml).toContain('<testsuite name="a.yaml" tests="2" failures="1" errors="1" skipped="0">');
    expect(xml).toContain('<failure message="unknown field &quot;replica&quot;: did you mean &quot;replicas&quot;?" type="invalid">');
    expect(xml).toContain('<skipped message="Widget is listed in --skip"/>');
    expect(xml).toContain('<system-out>b.yaml:9 /apiVersion: policy/v1beta1 is deprecated &lt;&amp; &quot;soon&quot;&gt;</system-out>');
    expect(xml).toContain('<testcase name="Service/web" classname="b.yaml"/>');
  });
});

describe('tap', () => {
  const lines = render('tap').split('\n');

  it('plans one test point per non-empty resource and fails invalid and error ones', () => {
    expect(lines.slice(0, 3)).toEqual(['TAP version 13', '1..5', 'not ok 1 - a.yaml:1 ConfigMap/settings']);
    expect(lines).toContain('ok 4 - b.yaml:5 Widget/w # SKIP Widget is listed in --skip');
    expect(lines).toContain('      message: "unknown field \\"replica\\": did you mean \\"replicas\\"?"');
  });
});

describe('sarif', () => {
  const sarif = JSON.parse(render('sarif'));
  const run = sarif.runs[0];

  it('declares SARIF 2.1.0 and every rule, sorted', () => {
    expect(sarif.version).toBe('2.1.0');
    const ids = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('unknown-field');
  });

  it('gives each finding a rule, level, file and line', () => {
    expect(run.results).toHaveLength(3);
    const [first, second, third] = run.results;
    expect(first).toMatchObject({ ruleId: 'missing-api-version', level: 'error' });
    expect(second.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'a.yaml' }, region: { startLine: 12 } });
    expect(run.tool.driver.rules[second.ruleIndex].id).toBe('unknown-field');
    expect(third).toMatchObject({ ruleId: 'api-deprecated', level: 'warning' });
  });
});
