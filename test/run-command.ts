/** Runs a project command the way its npm script does (`node lib/launch/run.js <entry.ts> ...`). */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '..');

/** `input`, when given, is piped into the command's standard input. */
export function runCommand(entry: string, args: readonly string[], options: { cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(projectRoot, 'lib', 'launch', 'run.js'), entry, ...args], {
    cwd: options.cwd ?? projectRoot,
    encoding: 'utf8',
    input: options.input,
  });
}
