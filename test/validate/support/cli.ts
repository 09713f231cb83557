import { spawnSync } from 'child_process';
import * as path from 'path';
import type { CliOutcome } from './run-cli';

export type { CliOutcome } from './run-cli';

const RUNNER = path.join(__dirname, 'run-cli.ts');

/** Runs the validate command once per argument list, all in one tsx process (see run-cli.ts). */
export function runCli(cases: readonly (readonly string[])[]): CliOutcome[] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, JSON.stringify(cases)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`run-cli failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as CliOutcome[];
}
