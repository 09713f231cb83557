import { runValidate } from '../../../lib/cli/validate';

/** What one run of the validate command produced. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the validate command in-process with captured output. */
export async function runCli(argv: readonly string[], progress = false): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runValidate(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), progress });
  return { code, stdout, stderr };
}
