import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../config';
import { GitError, hasDifferences, renderReview, REPORT_FORMATS, reviewDist, SnapshotError, type ReviewDiff } from '../review';
import { permissionChanges, renderPermissionsMarkdown } from '../review/rbac';
import { reachabilityChanges, readReviewSides, renderReachabilityMarkdown } from '../review/reachability';

/** Where the command writes and what it knows about the terminal, so tests can run it in-process. */
export interface DiffIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stdout is a terminal. */
  readonly isTty: boolean;
  /** The environment variables (NO_COLOR, FORCE_COLOR). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit status for trouble (bad arguments, git or manifest errors), as diff(1) uses it. */
export const EXIT_TROUBLE = 2;

/**
 * `npm run diff -- [--base <rev>] [--env <name>...] [--format text|markdown|json] [--exit-code]`:
 * the semantic review diff of dist/ between a git revision and the working tree. Returns the exit
 * code: 0, or 1 with --exit-code when anything differs, 2 on trouble.
 */
export function runDiff(argv: readonly string[], io: DiffIo): number {
  const program = new Command('diff')
    .description('Compare dist/ at a git revision with the working tree, resource by resource (not line by line).')
    .option('--base <revision>', 'git revision to compare with (default: the merge-base with origin/main if it exists, else HEAD)')
    .addOption(new Option('--env <name>', 'only this environment (top-level folder of dist/); repeatable').argParser(collect).default([], 'all'))
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .addOption(new Option('--color <when>', 'colors in text output: auto (on a terminal, unless NO_COLOR is set), always, never').choices(['auto', 'always', 'never']).default('auto'))
    .option('--dist <dir>', 'the synthesized output folder', 'dist')
    .option('--environments <dir>', 'environment files, for the endpoints in the markdown reachability section', 'environments')
    .option('--exit-code', 'exit with 1 when anything differs, like git diff --exit-code')
    .addHelpText(
      'after',
      [
        '',
        'Resources are matched by API group, kind, namespace and name; key order, list order of named',
        'items (containers, env, ports, volumes: matched by name) and the file a resource is written to',
        'do not count as changes. A removed and an added resource of one kind and namespace whose',
        'contents are at least 80% alike are reported as one rename.',
        '',
        'With --format markdown, an environment whose NetworkPolicies changed also gets the connections',
        'the change opens and closes ("api → redis:6379 now allowed"), and one whose RBAC objects or',
        'ServiceAccounts changed gets the permissions granted and revoked ("worker may now list secrets',
        'in video-app") with every ServiceAccount\'s effective permissions.',
        '',
        `Exit status: 0 (or with --exit-code: 0 no differences, 1 differences); ${EXIT_TROUBLE} on bad usage or errors.`,
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run diff --help for usage)');

  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_TROUBLE;
    throw error;
  }
  const flags = program.opts<{ base?: string; env: string[]; format: string; color: string; dist: string; environments: string; exitCode?: boolean }>();

  try {
    const diff = reviewDist({ distDir: flags.dist, base: flags.base, environments: flags.env });
    io.stdout(renderReview(diff, flags.format, { color: useColor(flags.color, io) }));
    if (flags.format === 'markdown') io.stdout(behaviourSections(diff, flags.dist, flags.base, flags.environments));
    return flags.exitCode === true && hasDifferences(diff) ? 1 : 0;
  } catch (error) {
    if (error instanceof GitError || error instanceof SnapshotError) {
      io.stderr(`diff: ${error.message}\n`);
      return EXIT_TROUBLE;
    }
    throw error;
  }
}

/** What the change does, beyond which fields it changes: connections opened and closed, permissions granted and revoked. */
function behaviourSections(diff: ReviewDiff, distDir: string, base: string | undefined, environmentsDir: string): string {
  const sides = readReviewSides({ distDir, base });
  const configFor = (environment: string): EnvironmentConfig | undefined => {
    const file = join(environmentsDir, `${environment}.yaml`);
    return existsSync(file) ? loadEnvironment(file) : undefined;
  };
  return renderReachabilityMarkdown(reachabilityChanges(diff, sides, configFor)) + renderPermissionsMarkdown(permissionChanges(diff, sides));
}

function useColor(when: string, io: DiffIo): boolean {
  if (when !== 'auto') return when === 'always';
  // https://no-color.org: any non-empty NO_COLOR disables colors; FORCE_COLOR (non-zero) enables them off a terminal.
  if ((io.env.NO_COLOR ?? '') !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return true;
  return io.isTty;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

if (require.main === module) {
  const io: DiffIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  };
  try {
    // exitCode rather than exit(): a long report piped to a pager must be flushed first.
    process.exitCode = runDiff(process.argv.slice(2), io);
  } catch (error) {
    process.stderr.write(`diff: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_TROUBLE;
  }
}
