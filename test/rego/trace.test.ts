/** `trace(note)`: always true; the note goes to the evaluation's trace, which `rego test -v` shows like `opa test -v`. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../../lib/rego';
import { runRego } from '../../lib/cli/rego';

const traced = 'package t\n\ntest_traced if {\n\ttrace(sprintf("seen %v", [1]))\n}\n\ntest_traced_failing if {\n\ttrace("before")\n\tfalse\n}\n';

describe('trace', () => {
  it('is true and records its note on the test result', () => {
    const results = compile([{ path: 't.rego', text: traced }]).runTests();
    expect(results.map((r) => [r.name, r.status, r.notes])).toEqual([
      ['test_traced', 'PASS', ['seen 1']],
      ['test_traced_failing', 'FAIL', ['before']],
    ]);
  });

  it('rejects a note that is not a string (operand check)', () => {
    expect(() => compile([{ path: 't.rego', text: 'package t\np if trace(1)' }], { strictBuiltinErrors: true }).evaluate('data.t.p')).toThrow(/trace: operand 1 must be string but got number/);
  });

  it('shows notes under each test with rego test -v, not without -v', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rego-trace-'));
    fs.writeFileSync(path.join(dir, 't_test.rego'), traced);
    let verbose = '';
    runRego(['test', '-v', dir], { stdout: (t) => (verbose += t), stderr: () => undefined });
    expect(verbose).toMatch(/data\.t\.test_traced: PASS \([\d.]+ms\)\n {2}\| Note "seen 1"\n/);
    expect(verbose).toMatch(/data\.t\.test_traced_failing: FAIL \([\d.]+ms\)\n {2}\| Note "before"\n/);
    let quiet = '';
    runRego(['test', dir], { stdout: (t) => (quiet += t), stderr: () => undefined });
    expect(quiet).not.toMatch(/Note/);
  });
});
