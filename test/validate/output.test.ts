import * as path from 'path';
import { ValidationReport } from '../../lib/validate';
import { formatterFor, OUTPUT_FORMATS, outputFor, UnknownFormatError, type OutputOptions } from '../../lib/validate/output';
import { jenkinsJunitViolations } from './support/jenkins-junit-xsd';
import { sampleReport } from './support/report';

const quiet: OutputOptions = { verbose: false, summary: true };
const render = (format: string, options: OutputOptions = quiet): string => formatterFor(format)(sampleReport(), options);

describe('outputFor', () => {
  it('knows kubeconform formats, our detailed JSON and SARIF', () => {
    expect(OUTPUT_FORMATS).toEqual(['json', 'json-detailed', 'junit', 'pretty', 'sarif', 'tap', 'text']);
  });

  it('rejects an unknown format instead of falling back', () => {
    expect(() => outputFor('yaml')).toThrow(UnknownFormatError);
    expect(() => outputFor('toString')).toThrow('unknown output format "toString": use one of json, json-detailed, junit, pretty, sarif, tap, text');
  });

  it.each(OUTPUT_FORMATS.map((format) => [format]))('%s writes each file as it comes, before the run ends', (format) => {
    const written: string[] = [];
    const writer = outputFor(format)((text) => written.push(text), { verbose: true, summary: true });
    const [first] = sampleReport().byFile();
    writer.file(first.file, first.results);
    expect(written.join('')).toContain('a.yaml');
  });
});

describe('text', () => {
  it('prints one located line per finding and, with -summary, kubeconform\'s summary line', () => {
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

  it('lists valid and skipped resources with -verbose and omits the summary without -summary', () => {
    const text = render('text', { verbose: true, summary: false });
    expect(text).toContain('b.yaml:1 - Service/web is valid\n');
    expect(text).toContain('b.yaml:5 - Widget/w skipped: Widget is listed in --skip\n');
    expect(text).not.toContain('Summary:');
  });

  it('says "parsing stdin" and uses a plural only above one, word for word as kubeconform', () => {
    const empty = formatterFor('text')(new ValidationReport([], ['stdin']), { verbose: false, summary: true, stdin: true });
    expect(empty).toBe('Summary: 0 resource found parsing stdin - Valid: 0, Invalid: 0, Errors: 0, Skipped: 0\n');
  });
});

describe('pretty', () => {
  it('marks each line in colour and ends with the summary', () => {
    const lines = render('pretty', { verbose: true, summary: true }).split('\n');
    expect(lines).toContain('\x1b[31m✖\x1b[0m a.yaml:12: \x1b[31mDeployment/video/web is invalid: /spec/replica: unknown field "replica": did you mean "replicas"?\x1b[0m');
    expect(lines).toContain('\x1b[32m✔\x1b[0m b.yaml:1: \x1b[32mService/web is valid\x1b[0m');
    expect(lines).toContain('Summary: 5 resources found in 2 files - Valid: 2, Invalid: 1, Errors: 1, Skipped: 1');
  });
});

describe('json (kubeconform)', () => {
  it('has kubeconform\'s fields and status names, invalid and error resources only, and the summary with -summary', () => {
    expect(render('json')).toBe(`{
  "resources": [
    {
      "filename": "a.yaml",
      "kind": "ConfigMap",
      "name": "settings",
      "version": "",
      "status": "statusError",
      "msg": "/apiVersion: missing 'apiVersion' key"
    },
    {
      "filename": "a.yaml",
      "kind": "Deployment",
      "name": "web",
      "version": "apps/v1",
      "status": "statusInvalid",
      "msg": "/spec/replica: unknown field \\"replica\\": did you mean \\"replicas\\"?",
      "validationErrors": [
        {
          "path": "/spec/replica",
          "msg": "unknown field \\"replica\\": did you mean \\"replicas\\"?"
        }
      ]
    }
  ],
  "summary": {
    "valid": 2,
    "invalid": 1,
    "errors": 1,
    "skipped": 1
  }
}
`);
  });

  it('lists every resource with -verbose (an empty document with kubeconform\'s blank status), no summary without -summary', () => {
    const json = JSON.parse(render('json', { verbose: true, summary: false }));
    expect(json.resources.map((r: { status: string }) => r.status)).toEqual(['statusError', 'statusInvalid', 'statusValid', 'statusSkipped', 'statusValid', '']);
    expect(json.summary).toBeUndefined();
  });

  it('writes an empty list as Go does, and escapes <, > and & as Go does', () => {
    expect(formatterFor('json')(new ValidationReport([], []), { verbose: false, summary: false })).toBe('{\n  "resources": []\n}\n');
    expect(render('json', { verbose: true, summary: false })).toContain('"msg": ""');
    expect(JSON.parse(render('json-detailed')).resources[2].findings[0].message).toBe('policy/v1beta1 is deprecated <& "soon">');
    expect(render('json-detailed')).toContain('\\u003c\\u0026 \\"soon\\"\\u003e');
  });
});

describe('json-detailed', () => {
  it('lists resources that are not valid or carry warnings, with findings, lines and the full summary', () => {
    const json = JSON.parse(render('json-detailed'));
    expect(json.resources.map((r: { kind?: string; status: string }) => `${r.kind}:${r.status}`)).toEqual(['ConfigMap:error', 'Deployment:invalid', 'PodDisruptionBudget:valid']);
    expect(json.resources[1].findings).toEqual([
      { rule: 'unknown-field', severity: 'error', line: 12, path: '/spec/replica', message: 'unknown field "replica": did you mean "replicas"?' },
    ]);
    expect(json.summary).toEqual({ resources: 5, files: 2, valid: 2, invalid: 1, errors: 1, skipped: 1, empty: 1, warnings: 1 });
  });
});

describe('junit', () => {
  const xml = render('junit');

  it('conforms to the Jenkins JUnit XSD kubeconform validates its output against', () => {
    expect(jenkinsJunitViolations(xml)).toEqual([]);
    expect(jenkinsJunitViolations(render('junit', { verbose: true, summary: true }))).toEqual([]);
  });

  it('the XSD checker rejects what the XSD rejects (a skipped element with a message attribute, children out of order)', () => {
    expect(jenkinsJunitViolations('<testsuites><testsuite name="a" tests="1"><testcase name="x"><skipped message="m"/></testcase></testsuite></testsuites>')).toEqual([
      '<skipped> has undeclared attribute message',
    ]);
    expect(jenkinsJunitViolations('<testsuites><testsuite name="a" tests="1"><testcase name="x"><failure/><skipped/></testcase></testsuite></testsuites>')).toEqual([
      '<testcase> has <skipped> out of the XSD\'s order',
    ]);
  });

  it('has a suite per file and a case per non-empty resource named as kubeconform names them', () => {
    expect(xml).toContain('<testsuite name="a.yaml" id="1" tests="2" failures="1" errors="1" disabled="0" skipped="0">');
    expect(xml).toContain('<testcase name="video/web" classname="Deployment@apps/v1">');
    expect(xml).toContain('<failure message="/spec/replica: unknown field &quot;replica&quot;: did you mean &quot;replicas&quot;?" type="invalid">');
    expect(xml).toContain('<skipped>Widget is listed in --skip</skipped>');
    expect(xml).toContain('<system-out>b.yaml:9 /apiVersion: policy/v1beta1 is deprecated &lt;&amp; &quot;soon&quot;&gt;</system-out>');
    expect(xml).toContain('<testcase name="web" classname="Service@v1"/>');
  });
});

describe('tap', () => {
  const lines = render('tap').split('\n');

  it('writes kubeconform\'s test points as they come and the plan last, each finding in a YAML block', () => {
    expect(lines.slice(0, 2)).toEqual(['TAP version 13', "not ok 1 - a.yaml: /apiVersion: missing 'apiVersion' key"]);
    expect(lines).toContain('ok 3 - b.yaml (v1/Service//web)');
    expect(lines).toContain('ok 4 - b.yaml (example.com/v1/Widget//w) # skip');
    expect(lines).toContain('ok 6 - b.yaml (empty)');
    expect(lines).toContain('      message: "unknown field \\"replica\\": did you mean \\"replicas\\"?"');
    expect(lines.at(-2)).toBe('1..6');
  });
});

describe('sarif', () => {
  const root = path.resolve('repo');
  const options: OutputOptions = { ...quiet, toolVersion: '1.2.3', sourceRoot: root };
  const sarif = JSON.parse(formatterFor('sarif')(sampleReport(), options));
  const run = sarif.runs[0];

  it('declares SARIF 2.1.0, the tool version and every rule, sorted', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'validate', version: '1.2.3' });
    const ids = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('unknown-field');
  });

  it('locates each finding relative to the repository root, defined as a file:// URI', () => {
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${root}/` } });
    const report = sampleReport();
    const inside = new ValidationReport(
      report.resources.map((resource) => ({ ...resource, file: path.join(root, 'dist', resource.file) })),
      [],
    );
    const located = JSON.parse(formatterFor('sarif')(inside, options)).runs[0].results[1].locations[0].physicalLocation;
    expect(located).toEqual({ artifactLocation: { uri: 'dist/a.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } });
  });

  it('gives each finding a rule, level, line and a fingerprint that ignores lines and messages', () => {
    expect(run.results).toHaveLength(3);
    const [first, second, third] = run.results;
    expect(first).toMatchObject({ ruleId: 'missing-api-version', level: 'error' });
    expect(run.tool.driver.rules[second.ruleIndex].id).toBe('unknown-field');
    expect(third).toMatchObject({ ruleId: 'api-deprecated', level: 'warning' });
    const moved = sampleReport();
    const shifted = new ValidationReport(
      moved.resources.map((resource) => ({ ...resource, findings: resource.findings.map((f) => ({ ...f, line: f.line + 10, message: `${f.message}!` })) })),
      moved.files,
    );
    const again = JSON.parse(formatterFor('sarif')(shifted, options)).runs[0].results;
    expect(again.map((r: { partialFingerprints: unknown }) => r.partialFingerprints)).toEqual(run.results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints));
    expect(new Set(run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['validateFinding/v1'])).size).toBe(3);
  });
});
