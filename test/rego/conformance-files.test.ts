/** `npm run conformance` goes on past case files it cannot read or parse, and past malformed cases. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runConformance } from '../../lib/cli/conformance';

describe('conformance case files that cannot be used', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
    fs.mkdirSync(path.join(root, 'sub'));
    fs.writeFileSync(path.join(root, 'good.yaml'), 'cases:\n- note: one\n  query: x := 1\n  want_result: [{x: 1}]\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function run(...args: string[]): { code: number; stdout: string; stderr: string } {
    let stdout = '';
    let stderr = '';
    const code = runConformance([root, ...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    return { code, stdout, stderr };
  }

  it('runs every good case when all files are good', () => {
    expect(run().stdout).toMatch(/\n1 passed, 0 failed\n$/);
  });

  it('fails a file that is not YAML, cannot be read, or whose cases are not a list, each alone, and runs the rest', () => {
    fs.writeFileSync(path.join(root, 'bad.yaml'), 'cases: [\n');
    fs.writeFileSync(path.join(root, 'sub', 'object.yaml'), 'cases:\n  note: x\n');
    fs.symlinkSync(path.join(root, 'missing.yaml'), path.join(root, 'sub', 'dangling.yaml'));
    const result = run();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('FAIL bad.yaml: malformed case file: not YAML: ');
    expect(result.stdout).toContain('FAIL sub/dangling.yaml: malformed case file: cannot read: ENOENT\n');
    expect(result.stdout).toContain('FAIL sub/object.yaml: malformed case file: "cases" must be a list of cases, found object\n');
    expect(result.stdout).toMatch(/\n1 passed, 3 failed\n$/);
  });

  it('fails a malformed case alone, named by its note or index', () => {
    fs.writeFileSync(path.join(root, 'sub', 'cases.yaml'), 'cases:\n- note: no-query\n- 5\n- note: modules\n  query: x := 1\n  modules: [1]\n');
    const result = run();
    expect(result.stdout).toContain('FAIL sub/cases.yaml: no-query: malformed case: "query" must be a string\n');
    expect(result.stdout).toContain('FAIL sub/cases.yaml: cases[1]: malformed case: a case must be a mapping\n');
    expect(result.stdout).toContain('FAIL sub/cases.yaml: modules: malformed case: "modules" must be a list of strings\n');
    expect(result.stdout).toMatch(/\n1 passed, 3 failed\n$/);
  });

  it('counts unusable files against --min-pass', () => {
    fs.writeFileSync(path.join(root, 'bad.yaml'), 'cases: [\n');
    expect(run('--min-pass', '0.9').code).toBe(1);
    expect(run('--min-pass', '0.5').code).toBe(0);
  });
});
