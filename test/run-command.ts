/** Runs a project command the way its npm script does (`node lib/launch/run.js <entry.ts> ...`). */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '..');

export function runCommand(entry: string, args: readonly string[], options: { cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(projectRoot, 'lib', 'launch', 'run.js'), entry, ...args], {
    cwd: options.cwd ?? projectRoot,
    encoding: 'utf8',
  });
}
