import { existsSync } from 'node:fs';
import { projectCommand, projectRoot, type BenchContext } from '../context';
import type { BenchCommand } from '../measure';
import { rowOf, section, target, type Section } from '../result';
import { summarize } from '../stats';
import type { RegoRun } from '../rego/evaluate';

/**
 * Targets of the briefs: objects evaluated per second on one core, by the 10-rule set of
 * bench/rego/ (issue 6) and by the project's own pod-security rules (issue 11).
 */
export const regoTargets = { objectsPerSecond: 10_000, podSecurityObjectsPerSecond: 15_000 };

/**
 * Measurement 5: the Rego engine alone, pinned to one core. One script compiles the 10-rule policy
 * set of bench/rego/ once and evaluates it against `objects` generated Deployments; the other does
 * the same with policies/pod_security.rego (19 deny rules, every Pod Security Standard control).
 * Both run from the esbuild bundle, as `npm run policy` does. Throughput counts the evaluation loop
 * only, peak RSS the whole process.
 */
export function benchRegoEngine(context: BenchContext, objects: number): Section {
  const result = section('rego', '5. Rego engine micro-benchmarks (one Deployment per evaluation)');
  const pinned = existsSync('/usr/bin/taskset');
  const scripts = [
    { entry: 'bench/rego/evaluate.ts', label: `10 rules of bench/rego, ${objects} Deployments`, limit: regoTargets.objectsPerSecond, targetName: 'objects/s on one core (10 rules)' },
    { entry: 'bench/rego/pod-security.ts', label: `19 pod-security rules of policies/, ${objects} Deployments`, limit: regoTargets.podSecurityObjectsPerSecond, targetName: 'objects/s on one core (pod-security rules)' },
  ];
  for (const script of scripts) {
    const run = projectCommand(script.entry, ['--objects', String(objects)]);
    const command: BenchCommand = {
      label: `${script.label}${pinned ? ' (taskset -c 0)' : ''}`,
      file: pinned ? '/usr/bin/taskset' : run.file,
      args: pinned ? ['-c', '0', run.file, ...run.args] : run.args,
      cwd: projectRoot,
    };
    context.log(`rego engine: ${script.entry}`);
    const { measurement, note } = context.measure(command);
    const runs = measurement.samples.map((sample) => JSON.parse(sample.stdout.trim().split('\n').pop()!) as RegoRun);
    result.rows.push(rowOf(measurement, { unit: 'objects/s', perRun: runs.map((run) => run.objectsPerSecond) }, note));
    const compileMs = summarize(runs.map((run) => run.compileMs));
    const perCpuSecond = summarize(runs.map((run) => (run.objects / run.evaluateCpuMs) * 1000));
    result.notes.push(
      `${script.entry}: compiling takes ${compileMs.median.toFixed(1)} ms (median); every run found exactly the ${runs[0].findings} planted violations; ${Math.round(perCpuSecond.median)} objects per CPU second (median).`,
    );
    result.targets.push(target(script.targetName, Math.round(summarize(runs.map((run) => run.objectsPerSecond)).median), script.limit, 'objects/s', true));
  }
  result.notes.push('Wall time and RSS are those of the whole process (start-up, generating the objects, compiling, evaluating); objects/s counts the evaluation loop only.');
  return result;
}
