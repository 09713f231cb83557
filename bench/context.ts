import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measure, runOnce, type BenchCommand, type Measurement, type Sample } from './measure';

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
  /**
   * Measures `command`. With `budgetMs`, a command whose warm-up run shows that `runs` runs would not
   * fit the budget runs fewer times (at least once); the returned note says so. `warmup` is a run
   * already made (e.g. the run whose output was checked), which then stands for the warm-up.
   */
  measure(command: BenchCommand, options?: { budgetMs?: number; warmup?: Sample }): { measurement: Measurement; note?: string };
}

/** Creates the context of a benchmark run. */
export function createContext(options: { runs: number; warmups: number; quick: boolean; workDir: string; log(message: string): void }): BenchContext {
  return {
    ...options,
    measure(command, { budgetMs, warmup: madeRun } = {}) {
      options.log(`  ${command.label}: warm-up`);
      const warmup = madeRun ?? (options.warmups > 0 ? runOnce(command) : undefined);
      for (let i = 1; i < options.warmups; i++) runOnce(command);
      let runs = options.runs;
      let note: string | undefined;
      if (budgetMs !== undefined && warmup !== undefined && warmup.wallMs * runs > budgetMs) {
        runs = Math.max(1, Math.floor(budgetMs / warmup.wallMs));
        note = `${runs} run${runs === 1 ? '' : 's'} instead of ${options.runs}: one run takes ${(warmup.wallMs / 1000).toFixed(1)} s, beyond the benchmark's time budget`;
      }
      options.log(`  ${command.label}: ${runs} runs`);
      return { measurement: measure(command, { runs, warmups: 0 }), ...(note ? { note } : {}) };
    },
  };
}

/** A project binary from node_modules/.bin. */
export function projectBin(name: string): string {
  const path = join(projectRoot, 'node_modules', '.bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm install`);
  return path;
}
