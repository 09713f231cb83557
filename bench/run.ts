/**
 * `npm run bench`: speed and scale of synthesis and the gate, side by side with the stock cdk8s
 * path and kustomize, plus the Rego engine micro-benchmark and validate on many invalid resources. Writes bench/RESULTS.md and
 * bench/results.json. Not part of `npm test`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createContext, type BenchContext } from './context';
import { rssMethod } from './measure';
import { currentLoad, describeSystem, renderMarkdown, type BenchReport } from './report';
import { section, type Section } from './result';
import { benchGate, type GateBenchResult } from './scenarios/gate';
import { growthSection } from './scenarios/growth';
import { benchReferencePlatform } from './scenarios/reference-platform';
import { benchRegoEngine } from './scenarios/rego-engine';
import { benchScale, type ScaleResult } from './scenarios/scale';
import { benchValidateScale } from './scenarios/validate-scale';

const measurements = ['reference', 'scale', 'gate', 'rego', 'validate'] as const;
type MeasurementId = (typeof measurements)[number];

interface Options {
  quick?: boolean;
  runs?: number;
  warmups: number;
  sizes?: number[];
  only?: MeasurementId[];
  budget: number | false;
  kustomizeLimit: number;
  regoObjects: number;
  out: string;
  keep?: boolean;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a positive integer');
  return number;
}

function sizeList(value: string): number[] {
  return [...new Set(value.split(',').map((part) => positiveInteger(part.trim())))].sort((a, b) => a - b);
}

function measurementList(value: string): MeasurementId[] {
  const ids = value.split(',').map((part) => part.trim());
  const unknown = ids.filter((id) => !(measurements as readonly string[]).includes(id));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown measurement ${unknown.join(', ')} (known: ${measurements.join(', ')})`);
  return ids as MeasurementId[];
}

const program = new Command('bench')
  .description('Benchmark synthesis, kustomize, the gate and the Rego engine; write bench/RESULTS.md and bench/results.json.')
  .option('--quick', 'sizes 10,100 and 3 runs: a quick look, not the reference figures')
  .option('--runs <n>', 'measured runs per command (default: 5, or 3 with --quick)', positiveInteger)
  .option('--warmups <n>', 'unmeasured runs before the measured ones', positiveInteger, 1)
  .option('--sizes <list>', 'generated service counts, comma-separated (default: 10,100,1000, or 10,100 with --quick)', sizeList)
  .option('--only <list>', `measurements to run, comma-separated: ${measurements.join(', ')} (growth comes with scale and gate)`, measurementList)
  .option('--budget <seconds>', 'measured time per command before it runs fewer times', positiveInteger, 60)
  .option('--no-budget', 'run every command the full number of times, however long it takes')
  .option('--kustomize-limit <seconds>', 'stop a kustomize render after this long (its time is then a lower bound)', positiveInteger, 180)
  .option('--rego-objects <n>', 'Deployments evaluated by the Rego micro-benchmark', positiveInteger, 10_000)
  .option('-o, --out <dir>', 'folder for RESULTS.md and results.json', 'bench')
  .option('--keep', 'keep the scratch folder (generated platforms, kustomize trees) and print its path')
  .addHelpText('after', '\nExit status: 0 when every measurement ran (targets may be missed; see RESULTS.md), 1 when one could not run.')
  .parse(process.argv);

async function main(options: Options): Promise<void> {
  const started = Date.now();
  const startLoad = currentLoad();
  const quick = options.quick ?? false;
  const sizes = options.sizes ?? (quick ? [10, 100] : [10, 100, 1000]);
  const only = new Set(options.only ?? measurements);
  const workDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const tty = Boolean(process.stderr.isTTY);
  const context: BenchContext = createContext({
    runs: options.runs ?? (quick ? 3 : 5),
    warmups: options.warmups,
    quick,
    workDir,
    budgetMs: options.budget === false ? undefined : options.budget * 1000,
    log: (message) => process.stderr.write(tty ? `bench: ${message}\n` : ''),
  });

  const sections: Section[] = [];
  let failed = 0;
  const attempt = async <T>(id: string, title: string, run: () => T | Promise<T>, toSection: (value: T) => Section): Promise<T | undefined> => {
    try {
      const value = await run();
      sections.push(toSection(value));
      return value;
    } catch (error) {
      failed++;
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench: ${title}: ${reason}\n`);
      sections.push({ ...section(id, title), skipped: reason.split('\n')[0] });
      return undefined;
    }
  };

  try {
    if (only.has('reference')) await attempt('reference', '1. Reference platform', () => benchReferencePlatform(context), (s) => s);
    let scale: ScaleResult | undefined;
    let gate: GateBenchResult | undefined;
    if (only.has('scale') || only.has('gate')) {
      scale = await attempt('scale', '2. Scale', () => benchScale(context, { sizes, kustomizeLimitSeconds: options.kustomizeLimit }), (s) => s.section);
    }
    if (only.has('gate') && scale) {
      const platforms = scale.platforms;
      const gateSizes = sizes.filter((size) => size >= 100);
      gate = await attempt('gate', '3. The gate', () => benchGate(context, platforms, gateSizes), (g) => g.section);
    }
    if (scale && sizes.includes(100) && sizes.includes(1000)) {
      sections.push(growthSection(scale.synthMedianMs, gate?.gateMedianMs ?? new Map(), 100, 1000));
    }
    if (only.has('rego')) await attempt('rego', '5. Rego engine', () => benchRegoEngine(context, options.regoObjects), (s) => s);
    if (only.has('validate')) await attempt('validate-scale', '6. validate on invalid resources', () => benchValidateScale(context, quick ? [5_000] : undefined), (s) => s);
  } finally {
    if (options.keep) process.stderr.write(`bench: scratch folder kept in ${workDir}\n`);
    else rmSync(workDir, { recursive: true, force: true });
  }

  const report: BenchReport = {
    date: new Date().toISOString(),
    system: describeSystem({ rssMethod, runs: context.runs, warmups: context.warmups, quick, budgetSeconds: options.budget === false ? null : options.budget }, startLoad),
    totalSeconds: Math.round((Date.now() - started) / 100) / 10,
    sections: sections.sort((a, b) => (a.title < b.title ? -1 : 1)),
  };
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'RESULTS.md'), renderMarkdown(report));

  const targets = sections.flatMap((s) => s.targets);
  const missed = targets.filter((t) => !t.met);
  process.stdout.write(
    `bench: ${targets.length - missed.length} of ${targets.length} targets met${missed.length > 0 ? ` (missed: ${missed.map((t) => t.name).join('; ')})` : ''}` +
      `${failed > 0 ? `, ${failed} measurement(s) could not run` : ''}; ${join(options.out, 'RESULTS.md')} in ${(report.totalSeconds / 60).toFixed(1)} min\n`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

void main(program.opts<Options>());
