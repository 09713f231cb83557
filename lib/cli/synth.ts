import { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { synthesize, type RenderedTree } from '../synth';
import { exitWithError } from './errors';

/**
 * `npm run synth` (and `cdk8s synth`, whose app command is main.ts): renders every environment
 * and swaps the result into dist/ atomically. A failure leaves dist/ byte-identical.
 */
export function runSynth(argv: readonly string[]): void {
  const program = new Command('synth')
    .description('Synthesize every environment under --environments into --out (atomically).')
    .option('-e, --environments <dir>', 'folder of environment files', 'environments')
    .option('-o, --out <dir>', 'output folder, replaced as a whole', 'dist')
    .option('-q, --quiet', 'print nothing on success')
    .showHelpAfterError()
    .parse(argv as string[]);
  const options = program.opts<{ environments: string; out: string; quiet?: boolean }>();

  try {
    const started = process.hrtime.bigint();
    const result = synthesize(options.environments, options.out);
    // Under `cdk8s synth` the CLI reads manifests from CDK8S_OUTDIR for its validation plugins.
    const cdk8sOutdir = process.env.CDK8S_OUTDIR;
    if (cdk8sOutdir && cdk8sOutdir !== options.out) writeTree(cdk8sOutdir, result.tree);
    if (!options.quiet) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const state = result.changed ? 'written to' : 'unchanged in';
      process.stdout.write(
        `synth: ${result.tree.size} files for ${result.environments.join(', ')} ${state} ${options.out}/ (${ms.toFixed(0)} ms)\n`,
      );
    }
  } catch (error) {
    exitWithError('synth', error);
  }
}

function writeTree(root: string, tree: RenderedTree): void {
  for (const [path, text] of tree) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
