/**
 * `npm run rego -- eval|test ...`: the project's Rego engine with `opa eval`
 * and `opa test` behaviour (flags, JSON result shape, summary line, exit codes).
 */
import { Command, CommanderError } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { CompiledPolicy, RegoError, RegoModuleSource, TestResult, compile, countDeclaredTests, renderErrors, stringifyJSON } from '../rego';

/** Where the command writes (tests run it in-process). */
export interface RegoIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit status for bad usage (1 is kept for failed tests and evaluation errors). */
const EXIT_USAGE = 2;

class UsageError extends Error {}

/** Policies and data read from -d paths / test paths. */
interface Loaded {
  modules: RegoModuleSource[];
  data: Record<string, unknown>;
}

/** Runs the command; returns the exit code. */
export function runRego(argv: readonly string[], io: RegoIo): number {
  let code = 0;
  const program = new Command('rego')
    .description("Evaluate and test Rego policies with the project's engine (like opa eval / opa test).")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program
    .command('eval')
    .description('Evaluate a query and print the result like `opa eval --format json`.')
    .argument('<query>', 'Rego query, e.g. data.main.deny or "x := data.a; x > 1"')
    .option('-d, --data <path>', 'policy (.rego) or data (.json/.yaml) file or folder; repeatable', collect, [])
    .option('-i, --input <file>', 'input document (.json or .yaml)')
    .option('--v0-compatible', 'parse modules as Rego v0 (rules without `if`, `p[x] { }` sets)')
    .option('--strict-builtin-errors', 'builtin errors stop evaluation instead of making the call undefined')
    .action((query: string, opts: { data: string[]; input?: string; v0Compatible?: boolean; strictBuiltinErrors?: boolean }) => {
      code = evalCommand(query, opts, io);
    });
  program
    .command('test')
    .description('Run test_* rules like `opa test`; exit 0 only when every test passes.')
    .argument('<paths...>', '.rego files or folders (policies, their _test.rego files and data files)')
    .option('-r, --run <regex>', 'only run tests whose full name (data.pkg.test_x) matches')
    .option('-v, --verbose', 'also list passing tests, print() output of failing ones and trace() notes')
    .option('--v0-compatible', 'parse modules as Rego v0')
    .option('--separately', 'test each path on its own (as one `opa test` run per path) and end with one summary line for all')
    .action((paths: string[], opts: TestOptions) => {
      code = testCommand(paths, opts, io);
    });
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof UsageError) {
      io.stderr(`rego: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  return code;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function evalCommand(query: string, opts: { data: string[]; input?: string; v0Compatible?: boolean; strictBuiltinErrors?: boolean }, io: RegoIo): number {
  const loaded = loadPaths(opts.data);
  const input = opts.input === undefined ? undefined : readDocument(opts.input);
  try {
    const policy = compile(loaded.modules, { regoVersion: opts.v0Compatible ? 'v0' : 'v1', data: loaded.data, strictBuiltinErrors: opts.strictBuiltinErrors });
    const results = policy.eval(query, { input });
    for (const line of policy.printed()) io.stderr(`${line}\n`);
    io.stdout(`${stringifyJSON(results.length === 0 ? {} : { result: results.map(dropEmptyBindings) }, 2)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof RegoError)) throw e;
    const errors = e.errors.map((x) => ({ message: x.message, code: x.code, ...(x.location ? { location: { file: x.location.file, row: x.location.line, col: x.location.col } } : {}) }));
    io.stdout(`${stringifyJSON({ errors }, 2)}\n`);
    io.stderr(`${e.message}\n`);
    return 1;
  }
}

function dropEmptyBindings(r: { expressions: unknown[]; bindings: Record<string, unknown> }): unknown {
  return Object.keys(r.bindings).length === 0 ? { expressions: r.expressions } : r;
}

interface TestOptions {
  run?: string;
  verbose?: boolean;
  v0Compatible?: boolean;
  separately?: boolean;
}

/** Counts of one or more test runs. */
interface Tally {
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  /** Runs that found no test at all. */
  empty: number;
}

function testCommand(paths: string[], opts: TestOptions, io: RegoIo): number {
  let filter: RegExp | undefined;
  try {
    filter = opts.run === undefined ? undefined : new RegExp(opts.run);
  } catch (e) {
    throw new UsageError(`--run: invalid regular expression: ${(e as Error).message}`);
  }
  const tally: Tally = { passed: 0, failed: 0, errors: 0, skipped: 0, empty: 0 };
  // --separately: each path is its own `opa test` run (its own compilation), one summary for all.
  // Without it, modules that do not compile end the command like opa test: errors, no summary.
  for (const run of opts.separately ? paths.map((p) => [p]) : [paths]) {
    const compiled = testRun(run, filter, opts, io, tally);
    if (!compiled && !opts.separately) return 1;
  }
  const { passed, failed, errors, skipped } = tally;
  if (passed + failed + errors + skipped === 0) io.stdout('no tests found\n');
  io.stdout(`${passed} passed, ${failed} failed${errors > 0 ? `, ${errors} errors` : ''}${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  return failed + errors === 0 && tally.empty === 0 ? 0 : 1;
}

/** One compilation of paths and its tests, printed and added to tally; false when the modules do not compile. */
function testRun(paths: string[], filter: RegExp | undefined, opts: TestOptions, io: RegoIo, tally: Tally): boolean {
  const loaded = loadPaths(paths);
  if (loaded.modules.length === 0) throw new UsageError(`no .rego files found in ${paths.join(', ')}`);
  const regoVersion = opts.v0Compatible ? 'v0' : 'v1';
  let policy: CompiledPolicy;
  try {
    policy = compile(loaded.modules, { regoVersion, data: loaded.data });
  } catch (e) {
    if (!(e instanceof RegoError)) throw e;
    io.stderr(`${renderErrors(e.errors, new Map(loaded.modules.map((m) => [m.path, m.text])))}\n`);
    // Modules that do not compile fail every test they declare (at least one, so the run fails).
    tally.failed += Math.max(1, countDeclaredTests(loaded.modules, regoVersion));
    return false;
  }
  const results = policy.runTests({ filter });
  for (const r of results) {
    if (r.status === 'PASS' && !opts.verbose) continue;
    io.stdout(`${formatResult(r)}\n`);
    if (r.error) io.stdout(`  ${r.error.replace(/\n/g, '\n  ')}\n`);
    if (r.status !== 'PASS' && r.printed.length > 0) io.stdout(r.printed.map((l) => `  ${l}\n`).join(''));
    // Like opa test -v, the trace's notes (from trace(...)) follow the test.
    if (opts.verbose && r.notes.length > 0) io.stdout(r.notes.map((n) => `  | Note ${JSON.stringify(n)}\n`).join(''));
  }
  const count = (s: TestResult['status']): number => results.filter((r) => r.status === s).length;
  tally.passed += count('PASS');
  tally.failed += count('FAIL');
  tally.errors += count('ERROR');
  tally.skipped += count('SKIP');
  if (results.length === 0) tally.empty++;
  return true;
}

function formatResult(r: TestResult): string {
  const duration = r.status === 'SKIP' ? '' : ` (${r.durationMs < 1 ? r.durationMs.toFixed(3) : r.durationMs.toFixed(1)}ms)`;
  return `${r.location.file}:${r.location.line}: ${r.fullName}: ${r.status}${duration}`;
}

/** Reads .rego modules and .json/.yaml data from files and folders (data in sub-folders is nested under their names, like OPA). */
function loadPaths(paths: readonly string[]): Loaded {
  const loaded: Loaded = { modules: [], data: {} };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new UsageError(`${p}: no such file or folder`);
    if (fs.statSync(p).isDirectory()) {
      for (const file of listFiles(p)) addFile(loaded, file, path.relative(p, path.dirname(file)).split(path.sep).filter((s) => s !== '' && s !== '.'));
    } else {
      addFile(loaded, p, []);
    }
  }
  loaded.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return loaded;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (/\.(rego|json|ya?ml)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

function addFile(loaded: Loaded, file: string, prefix: string[]): void {
  if (file.endsWith('.rego')) {
    loaded.modules.push({ path: file, text: fs.readFileSync(file, 'utf8') });
    return;
  }
  const doc = readDocument(file);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`${file}: data files must hold an object`);
  let target = loaded.data;
  for (const seg of prefix) {
    const next = target[seg];
    target = (target[seg] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  Object.assign(target, doc);
}

function readDocument(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read: ${(e as Error).message}`);
  }
  try {
    return file.endsWith('.json') ? JSON.parse(text) : load(text);
  } catch (e) {
    throw new UsageError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
}

if (require.main === module) {
  process.exitCode = runRego(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}
