import { Command, CommanderError, Option } from 'commander';
import { ManifestInputError, readManifests } from '../manifest';
import {
  DEFAULT_KUBERNETES_VERSION,
  LATEST_KUBERNETES_VERSION,
  parseKindList,
  parseSchemaLocation,
  resolveKubernetesVersion,
  RULES,
  SchemaSourceError,
  supportedVersions,
  validateManifests,
  type ValidateOptions,
} from '../validate';
import { formatterFor, OUTPUT_FORMATS, type Formatter } from '../validate/output';

/** Where the command writes, so tests can run it in-process. */
export interface ValidateIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress is drawn only on a terminal. */
  readonly progress: boolean;
}

/** Exit status for a mistake in how the command was called (1 is kept for failed validation). */
export const EXIT_USAGE = 2;

/** Thrown for arguments that parse but make no sense; reported like commander's own errors. */
class UsageError extends Error {}

/**
 * `npm run validate -- [paths...]`: kubeconform-style strict, offline schema validation. Returns the
 * exit code: 0 all valid (warnings and skipped allowed), 1 invalid or errors, 2 bad usage.
 */
export async function runValidate(argv: readonly string[], io: ValidateIo): Promise<number> {
  const program = new Command('validate')
    .description('Validate Kubernetes manifests against their schemas, offline and strictly (like kubeconform).')
    .argument('[paths...]', 'files or folders (searched recursively for .yaml, .yml and .json)', ['dist/'])
    .addOption(new Option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join(', ')}`).default('text'))
    .option(
      '--kubernetes-version <version>',
      `Kubernetes version whose schemas are used and whose removed APIs are errors: ${supportedVersions()}, or master/latest (${LATEST_KUBERNETES_VERSION})`,
      DEFAULT_KUBERNETES_VERSION,
    )
    .option('--schema-location <location>', 'where to find schemas, repeatable, searched in order: default (built-in), a folder, or a file template like schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json', collect, [])
    .option('--crd <path>', 'CustomResourceDefinition manifests (file or folder, repeatable) whose custom resources to validate', collect, [])
    .addOption(new Option('--strict [boolean]', 'unknown fields are errors (--strict=false or --no-strict to allow them)').default(true).argParser(parseBoolean))
    .option('--no-strict', 'allow fields the schema does not know')
    .option('--ignore-missing-schemas', 'skip resources whose kind has no schema instead of failing')
    .option('--skip <kinds>', 'comma-separated kinds to skip, as Kind or apiVersion/Kind')
    .option('--reject <kinds>', 'comma-separated kinds that fail validation wherever they appear')
    .option('--summary', 'end text output with the summary line', true)
    .option('--no-summary', 'omit the summary line')
    .option('--verbose', 'also list valid and skipped resources')
    .addHelpText('after', `\nExit status: 0 when every resource is valid, 1 when any is invalid or in error, ${EXIT_USAGE} on bad usage.\nRules: ${Object.keys(RULES).sort().join(', ')}`)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run validate --help for usage)');

  let paths: string[];
  let validateOptions: ValidateOptions;
  let formatter: Formatter;
  let flags: Record<string, unknown>;
  try {
    program.parse(argv as string[], { from: 'user' });
    paths = program.processedArgs[0] as string[];
    flags = program.opts();
    formatter = formatterFor(String(flags.output));
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
      io.stderr(`validate: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  try {
    const manifests = readManifests(paths);
    const progress = io.progress ? drawProgress(io) : undefined;
    const report = await validateManifests(manifests, validateOptions, progress);
    if (io.progress) io.stderr('\r\x1b[K');
    io.stdout(formatter(report, { verbose: flags.verbose === true, summary: flags.summary !== false }));
    return report.exitCode;
  } catch (error) {
    if (error instanceof ManifestInputError) {
      io.stderr(`validate: reading manifests: ${error.message}\n`);
      return 1;
    }
    if (error instanceof SchemaSourceError) {
      io.stderr(`validate: reading schemas: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** Accumulates a repeatable option's values. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseBoolean(value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`--strict takes true or false, not "${value}"`);
}

/** Redraws one status line at most every 100 ms. */
function drawProgress(io: ValidateIo): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 100 && done !== total) return;
    last = now;
    io.stderr(`\rvalidating ${done}/${total} resources`);
  };
}

if (require.main === module) {
  const io: ValidateIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: process.stderr.isTTY === true,
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
