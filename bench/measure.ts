import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, type Summary } from './stats';

const gnuTime = '/usr/bin/time';
const rssHook = join(__dirname, 'rss', 'peak-rss-hook.cjs');

/** How peak RSS is read: GNU time's %M, or the Node hook (which sees Node processes only). */
export const rssMethod: 'gnu-time' | 'node-hook' = existsSync(gnuTime) ? 'gnu-time' : 'node-hook';

/** A command measured as a child process, one fresh process per run. */
export interface BenchCommand {
  /** Row label in the report, e.g. "synth (tsx main.ts)". */
  label: string;
  /** Executable and arguments, spawned without a shell unless `file` is a shell. */
  file: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes other than 0 that are results rather than failures (e.g. 124 from `timeout`). */
  allowedExitCodes?: readonly number[];
}

/** One run of a command. */
export interface Sample {
  wallMs: number;
  /** Peak resident set of the largest process of the run, in MiB; null when it could not be read. */
  peakRssMiB: number | null;
  exitCode: number;
  stdout: string;
}

/** Runs of one command: wall time and peak RSS summarized over the measured (not warm-up) runs. */
export interface Measurement {
  label: string;
  /** The command line, for the report. */
  command: string;
  runs: number;
  wallMs: Summary;
  peakRssMiB: Summary | null;
  samples: Sample[];
}

/** Thrown when a measured command fails: the benchmark never times a broken run. */
export class CommandFailedError extends Error {
  constructor(message: string, readonly wallMs: number) {
    super(message);
  }
}

/** The command line of `command`, quoted enough to be pasted into a shell. */
export function commandLine(command: BenchCommand): string {
  return [command.file, ...command.args].map((part) => (/^[\w./:=@%+-]+$/.test(part) ? part : `'${part}'`)).join(' ');
}

/** Spawns `command` once, timing it from spawn to exit and reading its peak RSS. */
export function runOnce(command: BenchCommand): Sample {
  const probeDir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const rssFile = join(probeDir, 'rss');
  try {
    const env = { ...process.env, ...command.env };
    let file = command.file;
    let args = [...command.args];
    if (rssMethod === 'gnu-time') {
      args = ['-f', '%M', '-o', rssFile, file, ...args];
      file = gnuTime;
    } else {
      env.BENCH_RSS_FILE = rssFile;
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${rssHook}`.trim();
    }
    const started = process.hrtime.bigint();
    const result = spawnSync(file, args, { cwd: command.cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const allowed = result.status === 0 || (result.status !== null && (command.allowedExitCodes ?? []).includes(result.status));
    if (result.error || !allowed) {
      const detail = result.error?.message ?? `exit code ${result.status}${result.signal ? ` (${result.signal})` : ''}`;
      throw new CommandFailedError(
        `${command.label}: \`${commandLine(command)}\` failed: ${detail}\n${tail(result.stderr)}${tail(result.stdout)}`,
        wallMs,
      );
    }
    return { wallMs, peakRssMiB: readPeakRss(rssFile), exitCode: result.status ?? 0, stdout: result.stdout };
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
}

/** Runs `command` `warmups` times unmeasured, then `runs` times measured. */
export function measure(command: BenchCommand, options: { runs: number; warmups: number }): Measurement {
  for (let i = 0; i < options.warmups; i++) runOnce(command);
  const samples: Sample[] = [];
  for (let i = 0; i < options.runs; i++) samples.push(runOnce(command));
  return measurementOf(command, samples);
}

/** Summarizes runs already made of `command`. */
export function measurementOf(command: BenchCommand, samples: Sample[]): Measurement {
  const rss = samples.map((sample) => sample.peakRssMiB).filter((value): value is number => value !== null);
  return {
    label: command.label,
    command: commandLine(command),
    runs: samples.length,
    wallMs: summarize(samples.map((sample) => sample.wallMs)),
    peakRssMiB: rss.length === samples.length ? summarize(rss) : null,
    samples,
  };
}

/** GNU time writes "%M" (KiB) on its last line; the hook writes one KiB figure per Node process. */
function readPeakRss(rssFile: string): number | null {
  if (!existsSync(rssFile)) return null;
  const figures = readFileSync(rssFile, 'utf8')
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((value) => Number.isFinite(value) && value > 0);
  if (figures.length === 0) return null;
  // The last figure for GNU time; the largest process for the hook.
  const kib = rssMethod === 'gnu-time' ? figures[figures.length - 1] : Math.max(...figures);
  return kib / 1024;
}

function tail(text: string | null | undefined): string {
  if (!text) return '';
  const lines = text.trimEnd().split('\n');
  return `${lines.slice(-20).join('\n')}\n`;
}
