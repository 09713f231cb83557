/** `npm run policy` flags that are about the command itself: --version and an accurate --help. */
import { runPolicyCommand } from '../../lib/cli/policy';
import { version } from '../../package.json';

function run(...args: string[]): { stdout: string; stderr: string; exit: number } {
  let stdout = '';
  let stderr = '';
  const exit = runPolicyCommand(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), terminal: false });
  return { stdout, stderr, exit };
}

describe('npm run policy', () => {
  it('prints its version with --version', () => {
    expect(run('--version')).toEqual({ stdout: `${version} (conftest-compatible policy runner on lib/rego)\n`, stderr: '', exit: 0 });
  });

  it.each([
    ['test', ['--policy', '--data', '--namespace', '--all-namespaces', '--combine', '--parser', '--ignore', '--capabilities', '--show-builtin-errors', '--suppress-exceptions', '--quiet', '--fail-on-warn', '--no-fail', '--output', '--junit-hide-message', '--strict', '--trace']],
    ['verify', ['--policy', '--data', '--namespace', '--run', '--report', '--output', '--capabilities', '--show-builtin-errors', '--quiet', '--junit-hide-message', '--strict', '--trace']],
    ['parse', ['--parser', '--combine']],
  ])('documents the flags of %s in --help', (command, flags) => {
    const help = run(command, '--help');
    expect(help.exit).toBe(0);
    for (const flag of flags) expect(help.stdout).toContain(flag);
  });

  it('rejects an unknown flag with the usage', () => {
    const result = run('test', '--no-such-flag');
    expect(result.exit).toBe(1);
    expect(result.stderr).toContain("error: unknown option '--no-such-flag'");
  });
});
