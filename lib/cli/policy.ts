/**
 * `npm run policy`: conftest's `test` over the manifests (default: every environment of dist/),
 * `verify` (`npm run policy:test`: the policies' `_test.rego` tests, like `conftest verify`), and
 * `parse` (the inputs as the policies see them, like `conftest parse`).
 */
import { Command, CommanderError, Option } from 'commander';
import {
  CapabilitiesError,
  DataLoadError,
  DEFAULT_POLICY_DIR,
  exitCode,
  formatParsed,
  formatReport,
  formatter,
  InputError,
  loadData,
  loadPolicies,
  outputFormat,
  OUTPUT_FORMATS,
  parserName,
  PARSERS,
  PolicyLoadError,
  PolicyResultError,
  readInputs,
  REPORT_MODES,
  runPolicies,
  UnknownOutputFormatError,
  UnknownParserError,
  verifyPolicies,
  VerifyError,
  type ReportMode,
} from '../policy';
import { ConfigError } from '../config';
import { RegoError } from '../rego';
import { version } from '../../package.json';

/** A flag this runner cannot honour, or a flag value it cannot use; the message says why and what to do instead. */
class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

const unsupported = (flag: string, reason: string): FlagError => new FlagError(`${flag} is not supported: ${reason}`);

/** A flag's regular expression (`-r`, `--ignore`). @throws FlagError naming the flag when it is none */
function pattern(flag: string, source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source);
  } catch (error) {
    throw new FlagError(`${flag} ${source}: ${(error as Error).message}; pass a JavaScript regular expression`);
  }
}

/** Flags `test` and `verify` share with conftest's. */
interface EngineFlags {
  policy?: string[];
  data?: string[];
  regoVersion: string;
  capabilities?: string;
  showBuiltinErrors?: boolean;
  strict?: boolean;
  trace?: boolean;
  output: string;
  color: boolean;
  quiet?: boolean;
  junitHideMessage?: boolean;
}

interface TestFlags extends EngineFlags {
  namespace?: string[];
  allNamespaces?: boolean;
  combine?: boolean;
  parser?: string;
  ignore?: string;
  failOnWarn?: boolean;
  fail: boolean;
  suppressExceptions?: boolean;
  env?: string;
  environments: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Where the command writes (tests run it in-process), and whether stdout is a terminal (colour). */
export interface PolicyIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly terminal: boolean;
}

/** What an action reports back: its exit code. */
interface Outcome {
  code: number;
}

/** The flags of conftest's engine, for `test` and `verify` alike. */
function withEngineFlags(command: Command): Command {
  return command
    .option('-p, --policy <path>', `policy file or folder, repeatable (default: ${DEFAULT_POLICY_DIR}; conftest's is policy)`, collect)
    .option('-d, --data <path>', 'data file or folder, repeatable: its .json, .yaml and .yml files are merged into data, others skipped', collect)
    .addOption(new Option('--rego-version <version>', 'Rego syntax of the policies').choices(['v0', 'v1']).default('v1'))
    .option('--capabilities <file>', 'OPA capabilities JSON file: the policies may call only the builtins it lists')
    .option('--show-builtin-errors', 'a builtin error (e.g. parse_config on bad text) stops the run with that error instead of making the call undefined')
    .option('--strict', 'not supported: OPA strict compiler checks (the command says so and exits 1)')
    .option('--trace', 'not supported: evaluation traces (the command says so and exits 1; use print() in the policy)')
    .option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join(', ')}`, 'stdout')
    .option('--no-color', 'never colour the stdout format (it is coloured on a terminal only)')
    .option('--quiet', 'print nothing when every check passes')
    .option('--junit-hide-message', 'name junit test cases by file and namespace only, without the message');
}

/** Refuses the conftest flags whose engine support lib/rego lacks, before doing any work. */
function refuseUnsupported(flags: EngineFlags): void {
  if (flags.strict) throw unsupported('--strict', "lib/rego has no strict-mode checks (unused variables and imports); run the policies through `opa check --strict` where OPA is available");
  if (flags.trace) throw unsupported('--trace', 'lib/rego records no evaluation trace; add print() calls to the policy, whose lines the stdout output shows');
}

function testCommand(io: PolicyIo, outcome: Outcome): Command {
  return withEngineFlags(
    new Command('test')
      .description(
        'Check manifests against the Rego policies, as conftest test does. Without paths: every folder of dist/, ' +
          'each with data.environment from environments/<folder>.yaml. Without -p/-n/--all-namespaces/--combine: ' +
          'every file against namespace main (plus the PromQL check) and each environment combined against namespace combined.',
      )
      .argument('[paths...]', 'YAML/JSON files or folders to check (- for standard input; an empty path is ignored)'),
  )
    .option('-n, --namespace <glob>', 'namespace to check, repeatable, globs allowed (default: main)', collect)
    .option('--all-namespaces', 'check every namespace of the policies')
    .option('--combine', 'check all inputs as one array of {path, contents}')
    .option('--parser <name>', `read every input with this parser instead of by its extension: ${PARSERS.join(', ')}`)
    .option('--ignore <regex>', 'skip the files found in folders whose path matches (files named directly are read)')
    .option('--fail-on-warn', 'exit 1 on warnings (and 2 on failures), as conftest does')
    .option('--no-fail', 'exit 0 even when policies fail')
    .option('--suppress-exceptions', 'leave exceptions out of the stdout output (they still count)')
    .option('--env <name>', 'environment of the given paths (data.environment from environments/<name>.yaml)')
    .option('--environments <dir>', 'folder of environment files', 'environments')
    .action((paths: string[], flags: TestFlags) => {
      refuseUnsupported(flags);
      const format = outputFormat(flags.output);
      const results = runPolicies({
        paths,
        policy: flags.policy,
        data: flags.data,
        namespace: flags.namespace,
        allNamespaces: flags.allNamespaces,
        combine: flags.combine,
        regoVersion: flags.regoVersion as 'v0' | 'v1',
        parser: flags.parser === undefined ? undefined : parserName(flags.parser),
        ignore: pattern('--ignore', flags.ignore),
        capabilities: flags.capabilities,
        showBuiltinErrors: flags.showBuiltinErrors,
        environment: flags.env,
        environmentsDir: flags.environments,
      });
      const code = exitCode(results, { failOnWarn: flags.failOnWarn });
      if (!flags.quiet || code !== 0) {
        const color = flags.color && io.terminal;
        io.stdout(formatter(format, { color, suppressExceptions: flags.suppressExceptions, junitHideMessage: flags.junitHideMessage })(results));
      }
      outcome.code = flags.fail ? code : 0;
    });
}

interface VerifyFlags extends EngineFlags {
  namespace?: string[];
  run?: string;
  report?: string;
}

function verifyCommand(io: PolicyIo, outcome: Outcome): Command {
  return withEngineFlags(new Command('verify').description("Run the policies' _test.rego tests (test_* rules), as conftest verify does."))
    .option('-n, --namespace <glob>', 'only the tests of this package, repeatable, globs allowed (default: every package)', collect)
    .option('-r, --run <regex>', 'run only the tests whose name matches')
    .addOption(new Option('--report <detail>', 'print an OPA-style test report instead (stdout only); notes are the tests\' print lines').choices([...REPORT_MODES]))
    .action((flags: VerifyFlags) => {
      refuseUnsupported(flags);
      const format = outputFormat(flags.output);
      if (flags.report !== undefined && format !== 'stdout') throw unsupported(`--report with -o ${format}`, 'the report is printed as text only; drop -o or --report');
      const policies = loadPolicies(flags.policy ?? [DEFAULT_POLICY_DIR], {
        regoVersion: flags.regoVersion as 'v0' | 'v1',
        capabilities: flags.capabilities,
        showBuiltinErrors: flags.showBuiltinErrors,
      });
      const { tests, results } = verifyPolicies(policies, {
        namespace: flags.namespace,
        run: pattern('-r', flags.run),
        data: flags.data && flags.data.length > 0 ? loadData(flags.data) : {},
        showBuiltinErrors: flags.showBuiltinErrors,
      });
      const code = exitCode(results);
      if (!flags.quiet || code !== 0) {
        const color = flags.color && io.terminal;
        io.stdout(flags.report !== undefined ? formatReport(tests, flags.report as ReportMode) : formatter(format, { color, showSkipped: true, junitHideMessage: flags.junitHideMessage })(results));
      }
      outcome.code = code;
    });
}

function parseCommand(io: PolicyIo): Command {
  return new Command('parse')
    .description('Print the inputs as the policies see them (JSON), as conftest parse does.')
    .argument('<paths...>', 'YAML/JSON files or folders (- for standard input)')
    .option('--parser <name>', `read every input with this parser instead of by its extension: ${PARSERS.join(', ')}`)
    .option('--combine', 'print the combined input: an array of {path, contents}')
    .action((paths: string[], flags: { parser?: string; combine?: boolean }) => {
      const files = readInputs(paths, { parser: flags.parser === undefined ? undefined : parserName(flags.parser) });
      io.stdout(formatParsed(files, flags.combine));
    });
}

/** Errors that explain themselves (with file and place); anything else is a bug and keeps its stack. */
const userErrors = [
  CapabilitiesError,
  ConfigError,
  DataLoadError,
  FlagError,
  InputError,
  PolicyLoadError,
  PolicyResultError,
  RegoError,
  UnknownOutputFormatError,
  UnknownParserError,
  VerifyError,
];

/** Runs the command line (arguments after the command name); returns the exit code. */
export function runPolicyCommand(argv: readonly string[], io: PolicyIo): number {
  const outcome: Outcome = { code: 0 };
  const program = new Command('policy')
    .description('Rego policies over the manifests, conftest-compatible.')
    .version(`${version} (conftest-compatible policy runner on lib/rego)`, '-v, --version', 'print the version')
    .addCommand(testCommand(io, outcome), { isDefault: true })
    .addCommand(verifyCommand(io, outcome))
    .addCommand(parseCommand(io))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse(argv as string[], { from: 'user' });
    return outcome.code;
  } catch (error) {
    // commander has printed its own message (usage errors, --help, --version).
    if (error instanceof CommanderError) return error.exitCode;
    const known = userErrors.some((type) => error instanceof type);
    io.stderr(`policy: ${known || !(error instanceof Error) ? String((error as Error).message ?? error) : error.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  const io: PolicyIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), terminal: process.stdout.isTTY === true };
  process.exitCode = runPolicyCommand(process.argv.slice(2), io);
}
