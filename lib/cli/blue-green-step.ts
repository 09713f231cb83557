import { Command, CommanderError, Option } from 'commander';
import { otherColor, ConfigError } from '../config';
import { promote, releaseImage, ReleaseError, renderReview, REPORT_FORMATS, rollback, runReleaseStep, YamlEditError, type ReleaseState } from '../review';

/** The three GitOps steps of the blue/green and canary runbooks; `npm run release|promote|rollback` run them. */
export type BlueGreenStep = 'release' | 'promote' | 'rollback';

/** Where a step writes, so tests can run it in-process. */
export interface StepIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colors in the text diff (a terminal without NO_COLOR). */
  readonly color: boolean;
}

/** Exit status for arguments commander rejects (a refused step exits 1). */
export const EXIT_USAGE = 2;

const DESCRIPTIONS: Record<BlueGreenStep, string> = {
  release:
    'Release <image>: blue/green puts it on the idle color of <service> (warming it if it runs no pods); canary makes it the Rollout\'s image, keeping the replaced one as previousImage. Then re-synthesize dist/ and show the review diff against HEAD.',
  promote:
    'Promote the release of <service>: blue/green makes the idle color active (its preview Service then selects the old color); canary sets promoteFull, so the new version takes all traffic without further steps. Then re-synthesize dist/ and show the review diff against HEAD.',
  rollback:
    'Roll <service> back: blue/green switches to its other color; canary returns the Rollout to previousImage, which aborts a release in progress. Then re-synthesize dist/ and show the review diff against HEAD.',
};

/**
 * Runs one step with command-line arguments. Returns the exit code: 0 done, 1 refused or failed
 * (nothing changed), 2 bad usage.
 */
export function runBlueGreenStep(step: BlueGreenStep, argv: readonly string[], io: StepIo): number {
  const program = new Command(step)
    .description(DESCRIPTIONS[step])
    .argument('<environment>', 'environment name: environments/<environment>.yaml')
    .argument('<service>', 'a service with strategy blueGreen or canary');
  if (step === 'release') program.argument('<image>', 'image reference with registry and tag, e.g. registry.example.com/team/api:1.5.0@sha256:<digest>');
  program
    .option('--environments <dir>', 'folder of environment files', 'environments')
    .option('--dist <dir>', 'synthesized output folder', 'dist')
    .addOption(new Option('--format <format>', 'format of the review diff').choices(REPORT_FORMATS).default('text'))
    .addHelpText('after', '\nExit status: 0 done, 1 refused or failed (no file changed), 2 bad usage.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(`(run ${step} --help for usage)`);
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
  const [environment, service, image] = program.processedArgs as string[];
  const flags = program.opts<{ environments: string; dist: string; format: string }>();

  try {
    const result = runReleaseStep({
      environmentsDir: flags.environments,
      distDir: flags.dist,
      environment: environment as string,
      service: service as string,
      edit: (text, source) =>
        step === 'release'
          ? releaseImage(text, service as string, image as string, source)
          : step === 'promote'
            ? promote(text, service as string, source)
            : rollback(text, service as string, source),
    });
    // Markdown and JSON go to stdout alone, ready to paste or parse; the narrative then goes to stderr.
    const say = flags.format === 'text' ? io.stdout : io.stderr;
    say(`${step}: ${environment} ${service}: ${outcome(step, result.before, result.after)}\n`);
    say(`${step}: wrote ${result.file}, synthesized ${result.files} files into ${flags.dist}/\n`);
    if (result.review !== undefined) {
      io.stdout(renderReview(result.review, flags.format, { color: io.color }));
    } else {
      io.stderr(`${step}: cannot show the review diff: ${result.reviewProblem}\n`);
    }
    say(`${step}: next: ${nextStep(step, environment as string, service as string, result.after)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ReleaseError || error instanceof YamlEditError) {
      io.stderr(`${step}: refused, nothing changed: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      io.stderr(`${step}: refused, nothing changed: the environment files are invalid; fix them first:\n${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function outcome(step: BlueGreenStep, beforeState: ReleaseState, afterState: ReleaseState): string {
  if (beforeState.strategy === 'canary' || afterState.strategy === 'canary') return canaryOutcome(step, beforeState, afterState);
  const before = beforeState.blueGreen;
  const after = afterState.blueGreen;
  if (step === 'release') {
    const idle = otherColor(after.activeColor);
    const was = before[idle].image === undefined ? 'had no image' : `was ${before[idle].image}`;
    const warmed = before.idleColorScale === 'zero' ? ', idleColorScale zero → warm' : '';
    return `idle color ${idle} now runs ${after[idle].image} (${was}${warmed}); ${after.activeColor} stays active`;
  }
  return `${after.activeColor} is active (${after[after.activeColor].image}); ${before.activeColor} is idle and ${after.idleColorScale}`;
}

function canaryOutcome(step: BlueGreenStep, before: ReleaseState, after: ReleaseState): string {
  const image = (state: ReleaseState) => (state.strategy === 'canary' ? state.image : '');
  if (step === 'release') return `the Rollout now rolls out ${image(after)} by its steps (was ${image(before)})`;
  if (step === 'promote') return `${image(after)} is promoted in full: no more steps or analysis, it takes all traffic`;
  return `the Rollout returns to ${image(after)} (from ${image(before)}), skipping steps and analysis`;
}

function nextStep(step: BlueGreenStep, environment: string, service: string, state: ReleaseState): string {
  if (state.strategy === 'canary') {
    if (step === 'release') {
      return `commit and let Argo CD sync; the analysis aborts a bad release by itself; to skip the remaining steps: npm run promote -- ${environment} ${service}; to go back: npm run rollback -- ${environment} ${service}`;
    }
    return `commit and let Argo CD sync`;
  }
  const after = state.blueGreen;
  if (step === 'release') {
    return `commit, let Argo CD sync, smoke-test https://${after.previewHost}/, then npm run promote -- ${environment} ${service}`;
  }
  return `commit and let Argo CD sync; to switch back: npm run rollback -- ${environment} ${service}`;
}

/** Runs `step` as a process: the npm scripts call this through release.ts, promote.ts and rollback.ts. */
export function main(step: BlueGreenStep): void {
  const io: StepIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: process.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '',
  };
  try {
    process.exitCode = runBlueGreenStep(step, process.argv.slice(2), io);
  } catch (error) {
    process.stderr.write(`${step}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}

