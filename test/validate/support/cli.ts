import { runValidate } from '../../../lib/cli/validate';

/** What one run of the validate command produced. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the validate command in-process with captured output. `stdin` is what is piped into it;
 * without it, standard input is a terminal (nothing piped).
 */
export async function runCli(argv: readonly string[], options: { progress?: boolean; stdin?: string } = {}): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const { stdin } = options;
  const code = await runValidate(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    progress: options.progress ?? false,
    stdin: stdin === undefined ? undefined : () => stdin,
  });
  return { code, stdout, stderr };
}
