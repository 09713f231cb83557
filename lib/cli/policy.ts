/**
 * `npm run policy`: conftest's `test` over the manifests (default: every environment of dist/), and
 * `npm run policy -- verify` (`npm run policy:test`): the policies' own `_test.rego` tests, like
 * `conftest verify` / `opa test`.
 */
import { Command, Option } from 'commander';
import {
  DataLoadError,
  DEFAULT_POLICY_DIR,
  exitCode,
  formatter,
  InputError,
  loadPolicies,
  outputFormat,
  OUTPUT_FORMATS,
  PolicyLoadError,
  PolicyResultError,
  runPolicies,
  UnknownOutputFormatError,
} from '../policy';
import { ConfigError } from '../config';
import { RegoError } from '../rego';

interface TestFlags {
  policy?: string[];
  data?: string[];
  namespace?: string[];
  allNamespaces?: boolean;
  combine?: boolean;
  regoVersion: string;
  output: string;
  failOnWarn?: boolean;
  fail: boolean;
  color: boolean;
  env?: string;
  environments: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function testCommand(): Command {
  return new Command('test')
    .description(
      'Check manifests against the Rego policies, as conftest test does. Without paths: every folder of dist/, ' +
        'each with data.environment from environments/<folder>.yaml. Without -p/-n/--all-namespaces/--combine: ' +
        'every file against namespace main (plus the PromQL check) and each environment combined against namespace combined.',
    )
    .argument('[paths...]', 'YAML/JSON files or folders to check (- for standard input)')
    .option('-p, --policy <path>', `policy file or folder, repeatable (default: ${DEFAULT_POLICY_DIR})`, collect)
    .option('-d, --data <path>', 'data file or folder merged into data, repeatable', collect)
    .option('-n, --namespace <glob>', 'namespace to check, repeatable, globs allowed (default: main)', collect)
    .option('--all-namespaces', 'check every namespace of the policies')
    .option('--combine', 'check all inputs as one array of {path, contents}')
    .addOption(new Option('--rego-version <version>', 'Rego syntax of the policies').choices(['v0', 'v1']).default('v1'))
    .option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join(', ')}`, 'stdout')
    .option('--fail-on-warn', 'exit 1 on warnings (and 2 on failures), as conftest does')
    .option('--no-fail', 'exit 0 even when policies fail')
    .option('--no-color', 'never colour the stdout format (it is coloured on a terminal only)')
    .option('--env <name>', 'environment of the given paths (data.environment from environments/<name>.yaml)')
    .option('--environments <dir>', 'folder of environment files', 'environments')
    .action((paths: string[], flags: TestFlags) => {
      const format = outputFormat(flags.output);
      const results = runPolicies({
        paths,
        policy: flags.policy,
        data: flags.data,
        namespace: flags.namespace,
        allNamespaces: flags.allNamespaces,
        combine: flags.combine,
        regoVersion: flags.regoVersion as 'v0' | 'v1',
        environment: flags.env,
        environmentsDir: flags.environments,
      });
      process.stdout.write(formatter(format, { color: flags.color && process.stdout.isTTY === true })(results));
      process.exitCode = exitCode(results, { failOnWarn: flags.failOnWarn, noFail: !flags.fail });
    });
}

interface VerifyFlags {
  policy?: string[];
  regoVersion: string;
  run?: string;
}

function verifyCommand(): Command {
  return new Command('verify')
    .description("Run the policies' _test.rego tests (test_* rules), as conftest verify and opa test do.")
    .option('-p, --policy <path>', `policy file or folder, repeatable (default: ${DEFAULT_POLICY_DIR})`, collect)
    .addOption(new Option('--rego-version <version>', 'Rego syntax of the policies').choices(['v0', 'v1']).default('v1'))
    .option('-r, --run <regex>', 'run only the tests whose name matches')
    .action((flags: VerifyFlags) => {
      const policies = loadPolicies(flags.policy ?? [DEFAULT_POLICY_DIR], flags.regoVersion as 'v0' | 'v1');
      const results = policies.runTests(flags.run ? new RegExp(flags.run) : undefined);
      const failed = results.filter((result) => result.status !== 'PASS' && result.status !== 'SKIP');
      for (const result of [...failed].sort((a, b) => (a.fullName < b.fullName ? -1 : 1))) {
        const where = `${result.location.file}:${result.location.line}`;
        process.stdout.write(`${where}: ${result.status} ${result.fullName}${result.error ? `: ${result.error}` : ''}\n`);
      }
      process.stdout.write(`${results.length - failed.length} passed, ${failed.length} failed\n`);
      process.exitCode = failed.length > 0 ? 1 : 0;
    });
}

/** Errors that explain themselves (with file and place); anything else is a bug and keeps its stack. */
const userErrors = [ConfigError, DataLoadError, InputError, PolicyLoadError, PolicyResultError, RegoError, UnknownOutputFormatError];

const program = new Command('policy')
  .description('Rego policies over the manifests, conftest-compatible.')
  .addCommand(testCommand(), { isDefault: true })
  .addCommand(verifyCommand())
  .showHelpAfterError();

try {
  program.parse(process.argv);
} catch (error) {
  const known = userErrors.some((type) => error instanceof type);
  process.stderr.write(`policy: ${known || !(error instanceof Error) ? String((error as Error).message ?? error) : error.stack}\n`);
  process.exit(1);
}
