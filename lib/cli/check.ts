import { Command } from 'commander';
import { summaryLine as policySummaryLine, formatter as policyFormatter } from '../policy';
import { runGate, type GateResult, type GateStage } from '../gate';
import { formatterFor } from '../validate/output';
import { exitWithError } from './errors';

const stageNames: Record<GateStage, string> = {
  synth: 'synthesizing',
  schemas: 'validating schemas',
  policies: 'running policies',
  compare: 'comparing with dist/',
};

/**
 * `npm run check`: the gate every change passes before it is committed. Prints only what failed
 * and one summary line; exits 0 when everything passed, 1 otherwise.
 */
async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('check')
    .description('Synthesize in memory, validate schemas, run policies, and compare with the committed dist/ (which it never writes).')
    .option('-e, --environments <dir>', 'folder of environment files', 'environments')
    .option('--dist <dir>', 'the committed output to compare with', 'dist')
    .addHelpText('after', '\nExit status: 0 when schemas, policies and dist/ are all clean, 1 otherwise.')
    .parse(argv as string[]);
  const options = program.opts<{ environments: string; dist: string }>();
  const tty = Boolean(process.stderr.isTTY);
  const progress = (stage: GateStage) => {
    if (tty) process.stderr.write(`\r\x1b[Kcheck: ${stageNames[stage]}…`);
  };
  try {
    const result = await runGate({ environmentsDir: options.environments, distDir: options.dist, onStage: progress });
    if (tty) process.stderr.write('\r\x1b[K');
    process.stdout.write(report(result, options.dist));
    process.exit(result.passed ? 0 : 1);
  } catch (error) {
    if (tty) process.stderr.write('\r\x1b[K');
    exitWithError('check', error);
  }
}

function report(result: GateResult, dist: string): string {
  const parts: string[] = [];
  if (result.schemas.exitCode !== 0) {
    parts.push(formatterFor('text')(result.schemas, { verbose: false, summary: false }));
  }
  if (result.policyTotals.failures > 0) {
    const failing = result.policies.filter((check) => check.failures.length > 0);
    parts.push(policyFormatter('stdout')(failing).split('\n').filter((line) => line.startsWith('FAIL')).join('\n') + '\n');
  }
  const { missing, extra, changed } = result.stale;
  const stale = [...missing.map((p) => `  missing   ${dist}/${p}`), ...extra.map((p) => `  extra     ${dist}/${p}`), ...changed.map((p) => `  differs   ${dist}/${p}`)];
  if (stale.length > 0) {
    parts.push(`${dist}/ is not what synthesis writes (stale, or edited by hand); run \`npm run synth\` and commit ${dist}/:\n${stale.join('\n')}\n`);
  }
  const schema = result.schemas.summary;
  const summary = [
    `${result.files} files for ${result.environments.join(', ')}`,
    `schemas: ${schema.valid} valid, ${schema.invalid} invalid, ${schema.errors} errors`,
    `policies: ${policySummaryLine(result.policyTotals).trim()}`,
    `${dist}/: ${stale.length === 0 ? 'up to date' : stale.length === 1 ? '1 file differs' : `${stale.length} files differ`}`,
  ];
  parts.push(`check ${result.passed ? 'passed' : 'FAILED'}: ${summary.join(' · ')}\n`);
  return parts.filter((part) => part.trim() !== '').join('\n');
}

void main(process.argv);
