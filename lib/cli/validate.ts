import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseManifest, readManifestFiles, type ManifestFileRead } from '../manifest';
import {
  DEFAULT_KUBERNETES_VERSION,
  LATEST_KUBERNETES_VERSION,
  parseKindList,
  parseSchemaLocation,
  resolveKubernetesVersion,
  RULES,
  SchemaSourceError,
  SummaryCounter,
  supportedVersions,
  validateFiles,
  type ResourceResult,
  type ValidateOptions,
} from '../validate';
import { outputFor, OUTPUT_FORMATS, type OutputFactory, type OutputOptions } from '../validate/output';

import { GoFlagError, normalizeGoFlags, type GoFlagTable } from './go-flags';

/** Where the command reads and writes, so tests can run it in-process. */
export interface ValidateIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress is drawn only on a terminal. */
  readonly progress: boolean;
  /**
   * Standard input, when something is piped or redirected into it; undefined when it is a terminal
   * or another character device (kubeconform's test), so that nothing waits for typing.
   */
  readonly stdin?: () => string;
}

/** Exit status for a mistake in how the command was called: 1, as kubeconform (Go's flag package) exits. */
export const EXIT_USAGE = 1;

/** What is validated when no path is given and nothing is piped in. */
const DEFAULT_PATH = 'dist/';

const USAGE = 'Usage: validate [OPTION]... [FILE OR FOLDER]...';

/** kubeconform's flag names, so that a kubeconform command line from a CI file runs unchanged. */
const FLAGS: GoFlagTable = {
  booleans: new Set(['debug', 'exit-on-error', 'h', 'help', 'ignore-missing-schemas', 'insecure-skip-tls-verify', 'strict', 'summary', 'v', 'verbose']),
  values: new Set(['cache', 'crd', 'ignore-filename-pattern', 'kubernetes-version', 'n', 'o', 'output', 'reject', 'schema-location', 'skip']),
};

/**
 * `npm run validate -- [paths...]`: offline schema validation with kubeconform's command line
 * (`-strict -summary -output json …`, single or double dashes). Returns the exit code: 0 all valid
 * (warnings, skipped and empty allowed), 1 invalid, errors, or bad usage (as kubeconform).
 */
export async function runValidate(argv: readonly string[], io: ValidateIo): Promise<number> {
  const program = buildProgram(io);
  let paths: string[];
  let flags: Record<string, unknown>;
  let validateOptions: ValidateOptions;
  let output: OutputFactory;
  let ignore: RegExp[];
  try {
    program.parse(normalizeGoFlags(argv, FLAGS), { from: 'user' });
    paths = (program.processedArgs[0] as string[]).flatMap((arg) => arg.split(',')).filter((arg) => arg !== '');
    flags = program.opts();
    if (flags.v === true) {
      io.stdout(`${toolVersion()}\n`);
      return 0;
    }
    output = outputFor(String(flags.output));
    ignore = (flags.ignoreFilenamePattern as string[]).map(compilePattern);
    validateOptions = {
      kubernetesVersion: resolveKubernetesVersion(String(flags.kubernetesVersion)),
      strict: flags.strict === true,
      ignoreMissingSchemas: flags.ignoreMissingSchemas === true,
      skipKinds: parseKindList(String(flags.skip ?? '')),
      rejectKinds: parseKindList(String(flags.reject ?? '')),
      schemaLocations: flags.schemaLocation as string[],
      crdPaths: flags.crd as string[],
    };
    // An http(s) location or a bad template is a usage error, found before anything is read.
    validateOptions.schemaLocations.forEach(parseSchemaLocation);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    // Everything in this block is argument parsing: any failure is a usage error.
    if (error instanceof Error) {
      io.stderr(`${error instanceof GoFlagError ? error.message : `validate: ${error.message}`}\n${USAGE}\n(run validate --help for every option)\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  // kubeconform's rule: standard input when the only path is `-`, or when there is no path and
  // something is piped in; without a path and with nothing piped, ours validates dist/.
  const fromStdin = (paths.length === 1 && paths[0] === '-') || (paths.length === 0 && io.stdin !== undefined);
  if (fromStdin && io.stdin === undefined) {
    io.stderr('validate: failing to read data from stdin: pipe manifests into it, or pass files or folders\n');
    return 1;
  }
  const reads: Iterable<ManifestFileRead> = fromStdin ? [{ file: 'stdin', documents: parseManifest(io.stdin!(), 'stdin') }] : readManifestFiles(paths.length === 0 ? [DEFAULT_PATH] : paths, { ignore });
  const outputOptions: OutputOptions = {
    verbose: flags.verbose === true,
    summary: flags.summary === true,
    stdin: fromStdin,
    toolVersion: toolVersion(),
    sourceRoot: repositoryRoot(process.cwd()),
  };
  try {
    return await stream(reads, validateOptions, output(io.stdout, outputOptions), io, { exitOnError: flags.exitOnError === true, debug: flags.debug === true });
  } catch (error) {
    // A --crd file or schema location that cannot be used is found when a kind first needs it.
    if (!(error instanceof SchemaSourceError)) throw error;
    io.stderr(`validate: reading schemas: ${error.message}\n`);
    return 1;
  }
}

/** Validates and writes file by file; only the counts outlive a file. */
async function stream(
  reads: Iterable<ManifestFileRead>,
  options: ValidateOptions,
  writer: ReturnType<OutputFactory>,
  io: ValidateIo,
  run: { exitOnError: boolean; debug: boolean },
): Promise<number> {
  const counter = new SummaryCounter();
  const debugged = run.debug ? debugReads(reads, io) : reads;
  let done = 0;
  for await (const { file, results } of validateFiles(debugged, options)) {
    const failing = results.findIndex(isFailure);
    // -exit-on-error: stop at the first invalid or error resource, once it is written.
    const kept = run.exitOnError && failing >= 0 ? results.slice(0, failing + 1) : results;
    counter.addFile(kept);
    writer.file(file, kept);
    done += kept.length;
    if (io.progress) io.stderr(`\rvalidating: ${done} resources`);
    if (run.exitOnError && failing >= 0) break;
  }
  if (io.progress) io.stderr('\r\x1b[K');
  writer.end(counter.summary);
  return counter.exitCode;
}

function isFailure(result: ResourceResult): boolean {
  return result.status === 'invalid' || result.status === 'error';
}

/** -debug: says on stderr what each path gave, as it is read. */
function* debugReads(reads: Iterable<ManifestFileRead>, io: ValidateIo): Generator<ManifestFileRead> {
  for (const read of reads) {
    io.stderr(read.problem ? `validate: debug: ${read.file}: ${read.problem.reason}\n` : `validate: debug: ${read.file}: ${read.documents.length} document(s)\n`);
    yield read;
  }
}

function buildProgram(io: ValidateIo): Command {
  const collect = (value: string, previous: string[]): string[] => [...previous, value];
  return new Command('validate')
    .usage('[OPTION]... [FILE OR FOLDER]...')
    .description('Validate Kubernetes manifests against their schemas, offline, with kubeconform\'s command line (-flag or --flag).')
    .argument('[paths...]', `files or folders (searched recursively for .yaml, .yml and .json; comma-separated lists too); "-" or a pipe reads standard input; default ${DEFAULT_PATH}`)
    .addOption(new Option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join(', ')}`).default('text'))
    .option(
      '--kubernetes-version <version>',
      `Kubernetes version whose schemas are used and whose removed APIs are errors: ${supportedVersions()}, or master/latest (${LATEST_KUBERNETES_VERSION})`,
      DEFAULT_KUBERNETES_VERSION,
    )
    .option('--schema-location <location>', 'where to find schemas, repeatable, searched in order: default (built-in), a folder, or a file template like schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json', collect, [])
    .option('--crd <path>', 'CustomResourceDefinition manifests (file or folder, repeatable) whose custom resources to validate', collect, [])
    .option('--strict', 'disallow fields the schema does not know and duplicated keys')
    .option('--no-strict', 'allow them (the default)')
    .option('--ignore-missing-schemas', 'skip resources whose kind has no schema instead of failing')
    .option('--ignore-filename-pattern <regex>', 'leave out files whose path matches (repeatable)', collect, [])
    .option('--skip <kinds>', 'comma-separated kinds to skip, as Kind or apiVersion/Kind')
    .option('--reject <kinds>', 'comma-separated kinds that fail validation wherever they appear')
    .option('--summary', 'print a summary at the end')
    .option('--no-summary', 'do not (the default)')
    .option('--verbose', 'also list valid and skipped resources')
    .option('--exit-on-error', 'stop at the first invalid or error resource')
    .option('--debug', 'say on stderr what each path gave as it is read')
    .option('-n <workers>', 'number of workers (accepted for kubeconform; validation runs on one thread)', positiveInteger, 4)
    .option('--cache <folder>', 'accepted for kubeconform and ignored: nothing is downloaded')
    .option('--insecure-skip-tls-verify', 'accepted for kubeconform and ignored: nothing is downloaded')
    .option('-v', 'print the version')
    .addHelpText(
      'after',
      `\nExit status: 0 when every resource is valid (warnings, skipped and empty documents allowed), 1 when any is invalid or in error, or on bad usage.\nRules: ${Object.keys(RULES).sort().join(', ')}`,
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run validate --help for usage)');
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a positive integer');
  return number;
}

function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new Error(`invalid -ignore-filename-pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** The project's version, named by -v and SARIF. */
function toolVersion(): string {
  return (require('../../package.json') as { version: string }).version;
}

/** The nearest folder above `start` holding `.git` (SARIF paths are relative to it); `start` when there is none. */
function repositoryRoot(start: string): string {
  for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) return start;
  }
}

/** Standard input unless it is a terminal or another character device (`/dev/null`), as kubeconform decides. */
function pipedStdin(): (() => string) | undefined {
  try {
    if (fs.fstatSync(0).isCharacterDevice()) return undefined;
  } catch {
    return undefined;
  }
  return () => fs.readFileSync(0, 'utf8');
}

if (require.main === module) {
  const io: ValidateIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: process.stderr.isTTY === true,
    stdin: pipedStdin(),
  };
  runValidate(process.argv.slice(2), io).then(
    (code) => {
      // exitCode rather than exit(): a large report piped to another program must be flushed first.
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`validate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
