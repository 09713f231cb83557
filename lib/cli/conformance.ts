/**
 * `npm run conformance -- <dir> [--min-pass <fraction>]`: runs every OPA-format
 * YAML case file below <dir> through the Rego engine and reports pass/fail per
 * folder, every failing note with a one-line reason, every skip with its
 * reason, and `N passed, M failed[, K skipped]`. A case file that cannot be read
 * or parsed, or a malformed case, fails on its own with the file and the reason;
 * the run goes on. Exits 0 unless --min-pass is given and the pass rate (of cases
 * run) is below it.
 */
import { Command, CommanderError } from 'commander';
import * as fs from 'fs';
import { CaseFileError, LoadedCase, findCaseFiles, loadCases } from './conformance/cases';
import { CaseOutcome, runCase } from './conformance/run-case';

/** Where the command writes (tests run it in-process). */
export interface ConformanceIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Runs the command; returns the exit code. */
export function runConformance(argv: readonly string[], io: ConformanceIo): number {
  const program = new Command('conformance')
    .description('Run OPA-format Rego conformance cases (YAML files with `cases:`) against the project\'s Rego engine.')
    .argument('<dir>', 'folder searched recursively for .yaml/.yml case files; files under a v0/ folder are Rego v0')
    .option('--min-pass <fraction>', 'exit 1 when passed/(passed+failed) is below this fraction (0..1)')
    .option('--filter <regex>', 'only run cases whose note matches')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const dir = program.args[0];
  const opts = program.opts<{ minPass?: string; filter?: string }>();
  const minPass = opts.minPass === undefined ? undefined : Number(opts.minPass);
  if (minPass !== undefined && !(minPass >= 0 && minPass <= 1)) {
    io.stderr(`conformance: --min-pass must be a fraction between 0 and 1, got ${opts.minPass}\n`);
    return 2;
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    io.stderr(`conformance: ${dir}: no such folder; pass the folder holding the YAML case files\n`);
    return 2;
  }
  const filter = opts.filter === undefined ? undefined : new RegExp(opts.filter);
  const cases: LoadedCase[] = [];
  // A file that cannot be read or parsed fails on its own (one failure, named with its reason); the run goes on.
  const badFiles: CaseFileError[] = [];
  for (const file of findCaseFiles(dir)) {
    try {
      cases.push(...loadCases(dir, file));
    } catch (e) {
      if (!(e instanceof CaseFileError)) throw e;
      badFiles.push(e);
    }
  }
  const outcomes = cases.filter((c) => !filter || filter.test(c.spec.note)).map((c) => ({ c, o: runCase(c) }));
  report(outcomes, badFiles, io);
  const passed = outcomes.filter((x) => x.o.status === 'pass').length;
  const failed = outcomes.filter((x) => x.o.status === 'fail').length + badFiles.length;
  if (minPass !== undefined && passed / Math.max(1, passed + failed) < minPass) {
    io.stderr(`conformance: pass rate ${(passed / Math.max(1, passed + failed)).toFixed(4)} is below --min-pass ${minPass}\n`);
    return 1;
  }
  return 0;
}

function report(outcomes: Array<{ c: LoadedCase; o: CaseOutcome }>, badFiles: readonly CaseFileError[], io: ConformanceIo): void {
  const folders = new Map<string, { pass: number; fail: number; skip: number }>();
  for (const { c, o } of outcomes) {
    const f = folders.get(c.folder) ?? { pass: 0, fail: 0, skip: 0 };
    f[o.status]++;
    folders.set(c.folder, f);
  }
  const names = [...folders.keys()].sort();
  const width = Math.max(6, ...names.map((n) => n.length));
  io.stdout(`${'folder'.padEnd(width)}  pass  fail  skip\n`);
  for (const n of names) {
    const f = folders.get(n)!;
    io.stdout(`${n.padEnd(width)}  ${String(f.pass).padStart(4)}  ${String(f.fail).padStart(4)}  ${String(f.skip).padStart(4)}\n`);
  }
  const sorted = [...outcomes].sort((a, b) => (a.c.file < b.c.file ? -1 : a.c.file > b.c.file ? 1 : a.c.spec.note < b.c.spec.note ? -1 : 1));
  const failures = sorted.filter((x) => x.o.status === 'fail');
  if (failures.length > 0 || badFiles.length > 0) {
    io.stdout(`\nFailures:\n`);
    for (const bad of badFiles) io.stdout(`FAIL ${bad.file}: malformed case file: ${oneLine(bad.message)}\n`);
    for (const { c, o } of failures) io.stdout(`FAIL ${c.file}: ${c.spec.note}: ${oneLine((o as { reason: string }).reason)}\n`);
  }
  const skips = sorted.filter((x) => x.o.status === 'skip');
  if (skips.length > 0) {
    io.stdout(`\nSkipped:\n`);
    for (const { c, o } of skips) io.stdout(`SKIP ${c.file}: ${c.spec.note}: ${(o as { reason: string }).reason}\n`);
  }
  const passed = outcomes.length - failures.length - skips.length;
  io.stdout(`\n${passed} passed, ${failures.length + badFiles.length} failed${skips.length > 0 ? `, ${skips.length} skipped` : ''}\n`);
}

function oneLine(s: string): string {
  const flat = s.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > 400 ? flat.slice(0, 400) + '…' : flat;
}

if (require.main === module) {
  const code = runConformance(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
  process.exitCode = code;
}
