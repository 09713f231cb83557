import { formatter, outputFormat, UnknownOutputFormatError } from '../../lib/policy/output';
import { emptyCheckResult, exitCode, type CheckResult } from '../../lib/policy/result';

const service = 'examples/kubernetes/service.yaml';

function result(fields: Partial<CheckResult>): CheckResult {
  return { ...emptyCheckResult(service, 'namespace'), ...fields };
}

const json = formatter('json');
const tap = formatter('tap');

// Expected texts are conftest's own (output/json_test.go and output/tap_test.go), line for line.
describe('json output, as conftest writes it', () => {
  it('writes a result without findings', () => {
    expect(json([result({})])).toBe(['[', '\t{', `\t\t"filename": "${service}",`, '\t\t"namespace": "namespace",', '\t\t"successes": 0', '\t}', ']', ''].join('\n'));
  });

  it('writes a failure', () => {
    expect(json([result({ failures: [{ msg: 'first failure' }] })])).toBe(
      [
        '[',
        '\t{',
        `\t\t"filename": "${service}",`,
        '\t\t"namespace": "namespace",',
        '\t\t"successes": 0,',
        '\t\t"failures": [',
        '\t\t\t{',
        '\t\t\t\t"msg": "first failure"',
        '\t\t\t}',
        '\t\t]',
        '\t}',
        ']',
        '',
      ].join('\n'),
    );
  });

  it('writes skipped, warnings and failures in that order', () => {
    const text = json([result({ warnings: [{ msg: 'first warning' }], failures: [{ msg: 'first failure' }], skipped: [{ msg: 'first skipped' }] })]);
    expect(text.indexOf('"skipped"')).toBeLessThan(text.indexOf('"warnings"'));
    expect(text.indexOf('"warnings"')).toBeLessThan(text.indexOf('"failures"'));
    expect(text).toContain('\t\t],\n\t\t"warnings": [\n\t\t\t{\n\t\t\t\t"msg": "first warning"\n\t\t\t}\n\t\t],\n');
  });

  it('writes standard input as an empty file name', () => {
    expect(json([{ ...result({ failures: [{ msg: 'first failure' }] }), filename: '-' }])).toContain('\t\t"filename": "",\n');
  });

  it('writes several files as one array', () => {
    const text = json([result({}), { ...result({}), filename: 'examples/kubernetes/deployment.yaml' }]);
    expect(text).toBe(
      [
        '[',
        '\t{',
        `\t\t"filename": "${service}",`,
        '\t\t"namespace": "namespace",',
        '\t\t"successes": 0',
        '\t},',
        '\t{',
        '\t\t"filename": "examples/kubernetes/deployment.yaml",',
        '\t\t"namespace": "namespace",',
        '\t\t"successes": 0',
        '\t}',
        ']',
        '',
      ].join('\n'),
    );
  });

  it('writes loc and sorted metadata, and escapes HTML characters as Go does', () => {
    const text = json([result({ failures: [{ msg: 'a < b & c', loc: { file: 'x.yaml' }, metadata: { rule: 'K8S-X-001', query: 'data.main.deny' } }] })]);
    expect(text).toContain(
      [
        '\t\t\t\t"msg": "a \\u003c b \\u0026 c",',
        '\t\t\t\t"loc": {',
        '\t\t\t\t\t"file": "x.yaml"',
        '\t\t\t\t},',
        '\t\t\t\t"metadata": {',
        '\t\t\t\t\t"query": "data.main.deny",',
        '\t\t\t\t\t"rule": "K8S-X-001"',
        '\t\t\t\t}',
      ].join('\n'),
    );
  });
});

describe('tap output, as conftest writes it', () => {
  it('writes nothing for a result without tests', () => {
    expect(tap([result({})])).toBe('');
  });

  it('writes failures, then warnings', () => {
    expect(tap([result({ warnings: [{ msg: 'first warning' }], failures: [{ msg: 'first failure' }] })])).toBe(
      ['1..2', `not ok 1 - ${service} - namespace - first failure`, '# warnings', `not ok 2 - ${service} - namespace - first warning`, ''].join('\n'),
    );
  });

  it('writes skipped tests as ok', () => {
    expect(tap([result({ failures: [{ msg: 'first failure' }], skipped: [{ msg: 'first skipped' }] })])).toBe(
      ['1..2', `not ok 1 - ${service} - namespace - first failure`, '# skip', `ok 2 - ${service} - namespace - first skipped`, ''].join('\n'),
    );
  });

  it('writes standard input as a dash', () => {
    expect(tap([{ ...result({ failures: [{ msg: 'first failure' }] }), filename: '-' }])).toBe(['1..1', 'not ok 1 - - namespace - first failure', ''].join('\n'));
  });

  it('writes exceptions and successes', () => {
    expect(tap([result({ exceptions: [{ msg: 'data.main.exception[_][_] == "x"' }], successes: 2 })])).toBe(
      [
        '1..3',
        '# exceptions',
        `ok 1 - ${service} - namespace - data.main.exception[_][_] == "x"`,
        '# successes',
        `ok 2 - ${service} - namespace - SUCCESS`,
        `ok 3 - ${service} - namespace - SUCCESS`,
        '',
      ].join('\n'),
    );
  });
});

describe('stdout output', () => {
  it('prints warnings, failures, exceptions and the summary line', () => {
    const text = formatter('stdout')([
      result({ warnings: [{ msg: 'w' }], failures: [{ msg: 'f' }], exceptions: [{ msg: 'e' }], successes: 4 }),
      { ...emptyCheckResult('empty.yaml', 'main') },
    ]);
    expect(text).toBe(
      [
        `WARN - ${service} - namespace - w`,
        `FAIL - ${service} - namespace - f`,
        `EXCP - ${service} - namespace - e`,
        '? - empty.yaml - main - no policies found',
        '',
        '7 tests, 4 passed, 1 warning, 1 failure, 1 exception',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked', () => {
    expect(formatter('stdout', { color: true })([result({ failures: [{ msg: 'f' }] })])).toContain('\x1b[31mFAIL\x1b[0m');
  });
});

describe('other formats', () => {
  const results = [result({ failures: [{ msg: 'f <1>' }], successes: 1 })];

  it('writes JUnit with one case per test', () => {
    const text = formatter('junit')(results);
    expect(text).toContain('tests="2" failures="1"');
    expect(text).toContain(`name="${service} - namespace - f &lt;1&gt;"`);
  });

  it('writes GitHub workflow commands', () => {
    expect(formatter('github')(results)).toContain(`::error file=${service}::f <1>\n`);
  });

  it('writes SARIF with conftest rule ids', () => {
    const log = JSON.parse(formatter('sarif')(results));
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'namespace/deny', level: 'error', message: { text: 'f <1>' } });
  });

  it('writes a table', () => {
    expect(formatter('table')(results)).toContain('| failure | examples/kubernetes/service.yaml | namespace | f <1>   |');
  });

  it('rejects unknown formats', () => {
    expect(() => outputFormat('yaml')).toThrow(UnknownOutputFormatError);
    expect(outputFormat('tap')).toBe('tap');
  });
});

describe('exit codes, as conftest sets them', () => {
  const failing = [result({ failures: [{ msg: 'f' }] })];
  const warning = [result({ warnings: [{ msg: 'w' }] })];

  it('fails on failures only by default', () => {
    expect(exitCode(failing)).toBe(1);
    expect(exitCode(warning)).toBe(0);
  });

  it('fails on warnings with --fail-on-warn, with 2 for failures', () => {
    expect(exitCode(warning, { failOnWarn: true })).toBe(1);
    expect(exitCode(failing, { failOnWarn: true })).toBe(2);
  });

  it('never fails with --no-fail', () => {
    expect(exitCode(failing, { noFail: true })).toBe(0);
  });
});

describe('stdout output options', () => {
  const findings = result({
    successes: 1,
    failures: [{ msg: 'first failure' }],
    exceptions: [{ msg: 'data.namespace.exception[_][_] == "x"' }],
    skipped: [{ msg: 'data.namespace.test_later' }],
    printed: ['policy/p.rego:3: hello'],
  });

  it("prints the policies' print lines before the file's findings", () => {
    expect(formatter('stdout')([findings])).toBe(
      [
        'policy/p.rego:3: hello',
        `FAIL - ${service} - namespace - first failure`,
        `EXCP - ${service} - namespace - data.namespace.exception[_][_] == "x"`,
        '',
        '4 tests, 1 passed, 0 warnings, 1 failure, 1 exception',
        '',
      ].join('\n'),
    );
  });

  it('leaves out exception lines with suppressExceptions, still counting them', () => {
    const text = formatter('stdout', { suppressExceptions: true })([findings]);
    expect(text).not.toContain('EXCP');
    expect(text).toMatch(/1 failure, 1 exception\n$/);
  });

  it("adds verify's skipped count with showSkipped", () => {
    expect(formatter('stdout', { showSkipped: true })([findings])).toMatch(/\n4 tests, 1 passed, 0 warnings, 1 failure, 1 exception, 1 skipped\n$/);
  });

  it('keeps print lines out of the other formats', () => {
    expect(formatter('json')([findings])).not.toContain('hello');
  });
});

describe('junit --junit-hide-message', () => {
  it('names test cases by file and namespace only', () => {
    const results = [result({ failures: [{ msg: 'first failure' }] })];
    expect(formatter('junit')(results)).toContain(`name="${service} - namespace - first failure"`);
    const hidden = formatter('junit', { junitHideMessage: true })(results);
    expect(hidden).toContain(`name="${service} - namespace" time="0.000">`);
    expect(hidden).toContain('<failure message="Failed" type="">first failure</failure>');
  });
});
