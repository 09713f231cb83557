import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runConformance } from '../../lib/cli/conformance';
import { runRego } from '../../lib/cli/rego';

const fixtures = path.join(__dirname, '../fixtures/rego');

function capture(run: (io: { stdout: (t: string) => void; stderr: (t: string) => void }) => number): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run({ stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('rego CLI', () => {
  it('eval prints opa eval --format json results', () => {
    const r = capture((io) => runRego(['eval', '-d', path.join(fixtures, 'k8s/images.rego'), 'x := data.k8s.images.allowed_registry'], io));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      result: [{ expressions: [{ value: true, text: 'x := data.k8s.images.allowed_registry', location: { row: 1, col: 1 } }], bindings: { x: 'registry.example.com/' } }],
    });
  });

  it('eval prints {} for an undefined query and errors as JSON with exit 1', () => {
    expect(capture((io) => runRego(['eval', 'data.nothing.here'], io)).out).toBe('{}\n');
    const bad = capture((io) => runRego(['eval', 'x := ['], io));
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).errors[0]).toMatchObject({ code: 'rego_parse_error', location: { file: 'query', row: 1 } });
  });

  it('test exits 1 when a test fails or errors and ends with the summary line', () => {
    const r = capture((io) => runRego(['test', path.join(fixtures, 'k8s')], io));
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n').pop()).toBe('7 passed, 1 failed, 1 errors, 1 skipped');
    expect(r.out).toMatch(/resources_test\.rego:23: data\.k8s\.resources_test\.test_expected_failure_example: FAIL/);
    expect(r.out).not.toMatch(/: PASS/);
  });

  it('test exits 0 when every selected test passes and lists passes with -v', () => {
    const r = capture((io) => runRego(['test', path.join(fixtures, 'k8s'), '--run', 'images_test', '-v'], io));
    expect(r.code).toBe(0);
    expect(r.out.match(/: PASS/g)).toHaveLength(4);
    expect(r.out.trim().split('\n').pop()).toBe('4 passed, 0 failed');
  });

  it('test --separately compiles each path on its own and sums them in one summary line', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rego-separately-'));
    const folder = (name: string, text: string): string => {
      fs.mkdirSync(path.join(root, name));
      fs.writeFileSync(path.join(root, name, 'p_test.rego'), text);
      return path.join(root, name);
    };
    // Both define data.p.q: together they conflict, each on its own compiles.
    const a = folder('a', 'package p\nq := 1\ntest_a if q == 1\n');
    const b = folder('b', 'package p\nq := 2\ntest_b if q == 2\ntest_c if q == 3\n');
    const broken = folder('broken', 'package p\ntest_d if undefined_fn(1)\ntest_e if true\n');
    const ok = capture((io) => runRego(['test', '--separately', a, b], io));
    expect(ok.out.trim().split('\n').pop()).toBe('2 passed, 1 failed');
    expect(ok.code).toBe(1);
    expect(capture((io) => runRego(['test', '--separately', a], io)).code).toBe(0);
    // A path that does not compile fails each test it declares.
    const failed = capture((io) => runRego(['test', '--separately', a, broken], io));
    expect(failed.out.trim().split('\n').pop()).toBe('1 passed, 2 failed');
    expect(failed.err).toMatch(/undefined function undefined_fn/);
    // Without --separately, like opa test: the errors, exit 1, no summary line.
    const plain = capture((io) => runRego(['test', broken], io));
    expect(plain.code).toBe(1);
    expect(plain.out).toBe('');
  });

  it('rejects missing paths as usage errors', () => {
    const r = capture((io) => runRego(['test', path.join(fixtures, 'nope')], io));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such file or folder/);
  });
});

describe('conformance CLI', () => {
  it('reports per folder, lists failures and skips, and ends with the counts', () => {
    const r = capture((io) => runConformance([path.join(fixtures, 'conformance')], io));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^basics\s+3\s+1\s+1$/m);
    expect(r.out).toMatch(/^v0\/basics\s+1\s+0\s+0$/m);
    expect(r.out).toMatch(/FAIL basics\.yaml: basics\/deliberately wrong expectation: want \[\{"x":4\}\], got \[\{"x":3\}\]/);
    expect(r.out).toMatch(/SKIP basics\.yaml: basics\/skipped: marked skip in the case file/);
    expect(r.out.trim().split('\n').pop()).toBe('4 passed, 1 failed, 1 skipped');
  });

  it('exits 1 below --min-pass and 2 on a bad fraction', () => {
    expect(capture((io) => runConformance([path.join(fixtures, 'conformance'), '--min-pass', '0.9'], io)).code).toBe(1);
    expect(capture((io) => runConformance([path.join(fixtures, 'conformance'), '--min-pass', '0.5'], io)).code).toBe(0);
    expect(capture((io) => runConformance([path.join(fixtures, 'conformance'), '--min-pass', '3'], io)).code).toBe(2);
  });
});
