import * as fs from 'fs';
import * as path from 'path';
import { compile } from '../../lib/rego';

const dir = path.join(__dirname, '../fixtures/rego/k8s');
const modules = fs.readdirSync(dir).filter((f) => f.endsWith('.rego')).sort().map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));

describe('Rego test runner', () => {
  const results = compile(modules).runTests();
  const status = (name: string): string | undefined => results.find((r) => r.name === name)?.status;

  it('passes the fixture policies\' real tests', () => {
    const real = results.filter((r) => !r.name.includes('expected_') && r.status !== 'SKIP');
    expect(real.map((r) => `${r.name}: ${r.status}`)).toEqual(real.map((r) => `${r.name}: PASS`));
    expect(real.length).toBe(7);
  });

  it('reports FAIL for a false test, ERROR for an evaluation error, SKIP for todo_test_', () => {
    expect(status('test_expected_failure_example')).toBe('FAIL');
    expect(status('test_expected_error_example')).toBe('ERROR');
    expect(results.find((r) => r.status === 'ERROR')?.error).toMatch(/resources_test\.rego:28: eval_builtin_error: div: divide by zero/);
    expect(status('todo_test_cpu_limit_policy')).toBe('SKIP');
  });

  it('gives each result its location, package and duration', () => {
    const r = results.find((x) => x.name === 'test_latest_tag_denied')!;
    expect(r).toMatchObject({ package: 'k8s.images_test', fullName: 'data.k8s.images_test.test_latest_tag_denied', location: { file: 'images_test.rego', line: 12, col: 1 } });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs each definition of one test name as its own test', () => {
    const p = compile([{ path: 't.rego', text: 'package t\ntest_x if true\ntest_x if false' }]);
    expect(p.runTests().map((r) => r.status)).toEqual(['PASS', 'FAIL']);
  });

  it('filters tests by full name', () => {
    const p = compile(modules);
    expect(p.runTests({ filter: /images_test\.test_latest/ }).map((r) => r.name)).toEqual(['test_latest_tag_denied']);
  });
});
