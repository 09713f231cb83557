import { cpus, loadavg, totalmem } from 'node:os';
import type { Row, Section, Target } from './result';

/** The machine and settings a benchmark ran with; part of every report. */
export interface BenchSystem {
  node: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  /** 1-minute load average when the benchmark started and ended: other work on the machine skews figures. */
  loadAverage: { start: number; end: number };
  rssMethod: string;
  runs: number;
  warmups: number;
  quick: boolean;
  budgetSeconds: number | null;
}

/** Everything `npm run bench` measured; bench/results.json holds exactly this. */
export interface BenchReport {
  date: string;
  system: BenchSystem;
  totalSeconds: number;
  sections: Section[];
}

/** Facts about this machine for the report. */
export function describeSystem(settings: Pick<BenchSystem, 'rssMethod' | 'runs' | 'warmups' | 'quick' | 'budgetSeconds'>, startLoad: number): BenchSystem {
  const processors = cpus();
  return {
    node: process.version,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: { start: startLoad, end: Math.round(loadavg()[0] * 100) / 100 },
    ...settings,
  };
}

/** bench/RESULTS.md: one table per measurement, then its ratios, targets and notes. */
export function renderMarkdown(report: BenchReport): string {
  const { system } = report;
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand. Raw figures: bench/results.json;',
    'where the time goes for missed targets: bench/ANALYSIS.md.',
    '',
    `- Date: ${report.date}; whole benchmark: ${(report.totalSeconds / 60).toFixed(1)} min${system.quick ? ' (**--quick**: fewer sizes and runs)' : ''}`,
    `- Node ${system.node}, ${system.cores} cores (${system.cpuModel}), ${system.memoryGiB} GiB RAM; load average ${system.loadAverage.start} at the start, ${system.loadAverage.end} at the end${Math.max(system.loadAverage.start, system.loadAverage.end) > system.cores ? ' (above the core count: other work competed for the cores and slowed the figures)' : ''}`,
    `- Each figure: median of ${system.runs} runs after ${system.warmups} warm-up run(s), each run a fresh child process; min and max beside it.`,
    `- Peak RSS: ${system.rssMethod === 'gnu-time' ? 'GNU time `%M`, the largest process of the run' : "Node's resourceUsage().maxRSS, the largest Node process of the run"}.`,
    system.budgetSeconds === null
      ? '- No time budget: every command ran the full number of runs.'
      : `- Time budget: ${system.budgetSeconds} s of measured runs per command; slower commands run fewer times, as their row says.`,
    '',
    '## Targets',
    '',
    '| measurement | target | measured | |',
    '| --- | --- | ---: | --- |',
    ...report.sections.flatMap((section) => section.targets.map((target) => targetRow(section.title, target))),
    '',
  ];
  for (const section of report.sections) {
    lines.push(`## ${section.title}`, '');
    if (section.skipped) {
      lines.push(`Not measured: ${section.skipped}`, '');
      continue;
    }
    if (section.rows.length > 0) {
      const withThroughput = section.rows.some((row) => row.throughput);
      lines.push(
        `| command | runs | median | min | max | peak RSS (max) |${withThroughput ? ' throughput (median) |' : ''}`,
        `| --- | ---: | ---: | ---: | ---: | ---: |${withThroughput ? ' ---: |' : ''}`,
        ...section.rows.map((row) => tableRow(row, withThroughput)),
        '',
      );
      const notes = section.rows.filter((row) => row.note);
      for (const row of notes) lines.push(`- *${row.label}*: ${row.note}`);
      if (notes.length > 0) lines.push('');
    }
    if (section.ratios.length > 0) {
      lines.push('| ratio of medians | value |', '| --- | ---: |', ...section.ratios.map((r) => `| ${r.name} | ${r.value.toFixed(3)} |`), '');
    }
    for (const note of section.notes) lines.push(`- ${note}`);
    if (section.notes.length > 0) lines.push('');
    lines.push('<details><summary>commands</summary>', '', ...section.rows.map((row) => `- ${row.label}: \`${row.command}\``), '', '</details>', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function tableRow(row: Row, withThroughput: boolean): string {
  const rss = row.peakRssMiB ? `${row.peakRssMiB.max.toFixed(0)} MiB` : 'n/a';
  const cells = [row.label, String(row.runs), duration(row.wallMs.median), duration(row.wallMs.min), duration(row.wallMs.max), rss];
  if (withThroughput) cells.push(row.throughput ? `${Math.round(row.throughput.value.median).toLocaleString('en-US')} ${row.throughput.unit}` : '');
  return `| ${cells.join(' | ')} |`;
}

function targetRow(title: string, target: Target): string {
  const comparison = target.atLeast ? '≥' : '≤';
  const value = target.measured;
  const measured =
    value === null ? 'not measured (failed)' : `${Number.isInteger(value) || Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(3)} ${target.unit}`;
  return `| ${title.split(':')[0]} | ${target.name} ${comparison} ${target.limit.toLocaleString('en-US')} ${target.unit} | ${measured} | ${target.met ? 'met' : '**missed**'} |`;
}

function duration(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** The 1-minute load average now, rounded, for {@link describeSystem}. */
export function currentLoad(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}
