import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectBin, projectRoot, type BenchContext } from '../context';
import type { BenchCommand } from '../measure';
import { rowOf, section, target, type Section } from '../result';
import { summarize } from '../stats';
import type { RegoRun } from '../rego/evaluate';

/** Target of the brief (issue 6): objects evaluated per second on one core. */
export const regoTargets = { objectsPerSecond: 10_000 };

/**
 * Measurement 5: the Rego engine alone. Each run compiles the 10-rule policy set of bench/rego/ once
 * and evaluates it against `objects` generated Deployments, one object per evaluation, pinned to
 * one core; throughput counts the evaluation loop only, peak RSS the whole process.
 */
export function benchRegoEngine(context: BenchContext, objects: number): Section {
  const result = section('rego', '5. Rego engine micro-benchmark (10 rules, one Deployment per evaluation)');
  const script = [projectBin('tsx'), join(__dirname, '..', 'rego', 'evaluate.ts'), '--objects', String(objects)];
  const pinned = existsSync('/usr/bin/taskset');
  const command: BenchCommand = {
    label: `evaluate ${objects} Deployments${pinned ? ' (taskset -c 0)' : ''}`,
    file: pinned ? '/usr/bin/taskset' : script[0],
    args: pinned ? ['-c', '0', ...script] : script.slice(1),
    cwd: projectRoot,
  };
  context.log('rego engine');
  const { measurement, note } = context.measure(command);
  const runs = measurement.samples.map((sample) => JSON.parse(sample.stdout.trim().split('\n').pop()!) as RegoRun);
  result.rows.push(rowOf(measurement, { unit: 'objects/s', perRun: runs.map((run) => run.objectsPerSecond) }, note));
  const compileMs = summarize(runs.map((run) => run.compileMs));
  result.notes.push(
    `Compiling the policy set takes ${compileMs.median.toFixed(1)} ms (median); every run found exactly the ${runs[0].findings} planted violations.`,
    'Wall time and RSS are those of the whole process (tsx start-up, generating the objects, compiling, evaluating); objects/s counts the evaluation loop only.',
  );
  result.targets.push(target('objects/s on one core', Math.round(summarize(runs.map((run) => run.objectsPerSecond)).median), regoTargets.objectsPerSecond, 'objects/s', true));
  return result;
}
