import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measure, measurementOf, runOnce, type BenchCommand, type Measurement, type Sample } from './measure';

/** The project under test: the folder holding package.json and main.ts. */
export const projectRoot = resolve(__dirname, '..');

/** Shared settings and helpers of one `npm run bench`. */
export interface BenchContext {
  /** Measured runs per command (after `warmups` unmeasured runs). */
  runs: number;
  warmups: number;
  quick: boolean;
  /** Scratch folder of this benchmark run; removed at the end. */
  workDir: string;
  /** Progress, on stderr. */
  log(message: string): void;
  /** Time the measured runs of one command may take together; none when undefined. */
  budgetMs: number | undefined;
  /**
   * Measures `command`. A command whose warm-up run shows that `runs` runs would not fit the budget
   * (`budgetMs`, else the context's) runs fewer times, or reports its warm-up run alone; the note
   * says so. `warmup` is a run already made (e.g. the one whose output was checked) standing for it.
   */
  measure(command: BenchCommand, options?: { budgetMs?: number; warmup?: Sample }): { measurement: Measurement; note?: string };
}

/** Creates the context of a benchmark run. */
export function createContext(options: Omit<BenchContext, 'measure'>): BenchContext {
  return {
    ...options,
    measure(command, { budgetMs = options.budgetMs, warmup: madeRun } = {}) {
      const warmup = madeRun ?? (options.warmups > 0 ? (options.log(`  ${command.label}: warm-up`), runOnce(command)) : undefined);
      for (let i = 1; i < options.warmups; i++) runOnce(command);
      if (budgetMs === undefined || warmup === undefined || warmup.wallMs * options.runs <= budgetMs) {
        options.log(`  ${command.label}: ${options.runs} runs`);
        return { measurement: measure(command, { runs: options.runs, warmups: 0 }) };
      }
      const runs = Math.floor(budgetMs / warmup.wallMs);
      const seconds = (warmup.wallMs / 1000).toFixed(1);
      if (runs === 0) {
        // Slower than the whole budget: the warm-up run is the only figure there is.
        options.log(`  ${command.label}: one run took ${seconds} s, over the budget; reporting it alone`);
        return {
          measurement: measurementOf(command, [warmup]),
          note: `1 cold run instead of ${options.runs}: one run takes ${seconds} s, beyond the time budget of ${(budgetMs / 1000).toFixed(0)} s per command`,
        };
      }
      options.log(`  ${command.label}: ${runs} runs (budget)`);
      return {
        measurement: measure(command, { runs, warmups: 0 }),
        note: `${runs} run${runs === 1 ? '' : 's'} instead of ${options.runs}: one run takes ${seconds} s, beyond the time budget of ${(budgetMs / 1000).toFixed(0)} s per command`,
      };
    },
  };
}

/** A project binary from node_modules/.bin. */
/**
 * A project command as its npm script runs it (`node lib/launch/run.js <entry.ts> ...`, from the
 * cached bundle), without npm's own start-up in the timing.
 */
export function projectCommand(entry: string, args: readonly string[]): { file: string; args: string[] } {
  return { file: process.execPath, args: [join(projectRoot, 'lib', 'launch', 'run.js'), entry, ...args] };
}

export function projectBin(name: string): string {
  const path = join(projectRoot, 'node_modules', '.bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm install`);
  return path;
}
