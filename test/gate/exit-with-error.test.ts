/** How the commands print a failure: located messages for users' mistakes, stacks only for bugs. */
import { exitWithError } from '../../lib/cli/errors';
import { compile } from '../../lib/rego';

function printedBy(error: unknown): { stderr: string; code: number | undefined } {
  let stderr = '';
  let code: number | undefined;
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((text) => ((stderr += String(text)), true));
  const exit = jest.spyOn(process, 'exit').mockImplementation((status) => {
    code = Number(status);
    throw new Error('exited');
  });
  try {
    expect(() => exitWithError('check', error)).toThrow('exited');
  } finally {
    write.mockRestore();
    exit.mockRestore();
  }
  return { stderr, code };
}

describe('exitWithError', () => {
  it('prints a policy evaluation error at its source line, without a stack trace', () => {
    const policy = compile([{ path: 'policies/loop.rego', text: 'package main\n\nx := input.a\n\nx := 2\n' }]);
    let evaluationError: unknown;
    try {
      policy.query('data.main.x', { input: { a: 1 } });
    } catch (error) {
      evaluationError = error;
    }
    const { stderr, code } = printedBy(evaluationError);
    expect(code).toBe(1);
    expect(stderr).toBe('check: policy evaluation failed:\npolicies/loop.rego:5:1: eval_conflict_error: complete rules must not produce multiple outputs\n  x := 2\n  ^\n');
  });

  it('keeps the stack of an unexpected error, which is a bug to report', () => {
    const { stderr, code } = printedBy(new TypeError('boom'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^check: TypeError: boom\n\s+at /);
  });
});
