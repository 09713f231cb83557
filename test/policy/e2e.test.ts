/**
 * End-to-end suites in conftest's style, one folder per feature under test/fixtures/policy/e2e:
 * a policy/ folder laid out as conftest's default (passed with -p), inputs, and `cases.json`
 * listing runs of `npm run policy` (arguments, exit code, the file holding the expected stdout or
 * stderr). Each run happens in its feature folder, so paths print as a user would see them. The
 * command runs in-process (a process per run would take a second each); cli.test.ts covers the
 * launched command.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPolicyCommand } from '../../lib/cli/policy';
import { projectRoot } from '../run-command';

interface E2eCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly exit: number;
  readonly stdout?: string;
  readonly stderr?: string;
}

const suites = path.join(projectRoot, 'test/fixtures/policy/e2e');

/** Runs `npm run policy -- <args>` in a folder. */
function run(folder: string, args: readonly string[]): { stdout: string; stderr: string; exit: number } {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(folder);
  try {
    const exit = runPolicyCommand(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), terminal: false });
    return { stdout, stderr, exit };
  } finally {
    process.chdir(before);
  }
}
// Test durations in `verify --report` vary from run to run; the expected files write them as (…ms).
const withoutDurations = (text: string): string => text.replace(/\(\d+\.\dms\)/g, '(…ms)');

describe.each(fs.readdirSync(suites).sort())('conftest suite %s', (feature) => {
  const folder = path.join(suites, feature);
  const cases = JSON.parse(fs.readFileSync(path.join(folder, 'cases.json'), 'utf8')) as E2eCase[];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = run(folder, c.args);
    const expected = (file: string | undefined): string => (file === undefined ? '' : fs.readFileSync(path.join(folder, file), 'utf8'));
    expect({ ...result, stdout: withoutDurations(result.stdout) }).toEqual({
      stdout: expected(c.stdout),
      stderr: expected(c.stderr),
      exit: c.exit,
    });
  });
});
