/**
 * Runs `validate` in-process once per argument list and prints every outcome as JSON. The
 * acceptance tests start this once under tsx: the kubernetes-models validators are ES modules that
 * Jest's CommonJS runtime cannot import, and one process for all cases keeps the suite fast.
 *
 * Usage: node --import tsx test/validate/support/run-cli.ts '[["file.yaml", "--output", "json"], ...]'
 */
import { runValidate } from '../../../lib/cli/validate';

/** What one run of the command produced. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function main(): Promise<void> {
  const cases = JSON.parse(process.argv[2]) as string[][];
  const outcomes: CliOutcome[] = [];
  for (const argv of cases) {
    let stdout = '';
    let stderr = '';
    const code = await runValidate(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), progress: false });
    outcomes.push({ code, stdout, stderr });
  }
  process.stdout.write(JSON.stringify(outcomes));
}

void main();
