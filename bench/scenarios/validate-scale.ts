import { join } from 'node:path';
import { projectCommand, projectRoot, type BenchContext } from '../context';
import { FINDINGS_PER_RESOURCE, generateInvalidTree } from '../generate-invalid';
import { measurementOf, runOnce, type BenchCommand } from '../measure';
import { rowOf, section, target, type Section } from '../result';

/** Targets of issue 10: findings stream, so time and memory stay bounded whatever their number. */
export const validateScaleTargets = { resources: 50_000, wallMs: 5_000, peakRssMiB: 500, largest: 200_000 };

/**
 * Measurement 6: `npm run validate -- -strict -summary` on trees of invalid resources (three findings
 * each, bench/generate-invalid.ts), 50,000 for the time and memory targets and 200,000 to show that
 * the run completes with memory bounded by the largest file rather than by the findings. Each run's
 * summary line is checked, so a run that stopped early is never timed.
 */
export function benchValidateScale(context: BenchContext, sizes: readonly number[] = [validateScaleTargets.resources, validateScaleTargets.largest]): Section {
  const result = section('validate-scale', '6. validate on invalid resources (findings streamed)');
  for (const resources of sizes) {
    const folder = join(context.workDir, `invalid-${resources}`);
    const files = generateInvalidTree(folder, resources);
    context.log(`validate: ${resources} invalid resources in ${files} files`);
    const command: BenchCommand = {
      label: `validate -strict -summary, ${resources} invalid resources (${resources * FINDINGS_PER_RESOURCE} findings)`,
      ...projectCommand('lib/cli/validate.ts', ['-strict', '-summary', folder]),
      cwd: projectRoot,
      allowedExitCodes: [1],
    };
    // Past the timed size one run is enough: it shows that the run completes, and its memory.
    const { measurement, note } =
      resources > validateScaleTargets.resources
        ? { measurement: measurementOf(command, [runOnce(command)]), note: 'one run: it shows completion and peak memory, not a timing' }
        : context.measure(command);
    const expected = `Summary: ${resources} resources found in ${files} files - Valid: 0, Invalid: ${resources}, Errors: 0, Skipped: 0`;
    for (const sample of measurement.samples) {
      const last = sample.stdout.trimEnd().split('\n').pop();
      if (last !== expected) throw new Error(`validate on ${resources} resources printed "${last}", expected "${expected}"`);
    }
    result.rows.push(rowOf(measurement, { unit: 'resources/s', perRun: measurement.samples.map((sample) => (resources / sample.wallMs) * 1000) }, note));
    if (resources === validateScaleTargets.resources) {
      result.targets.push(target(`validate wall time at ${resources} invalid resources`, measurement.wallMs.median / 1000, validateScaleTargets.wallMs / 1000, 's'));
      if (measurement.peakRssMiB) result.targets.push(target(`validate peak RSS at ${resources} invalid resources`, measurement.peakRssMiB.max, validateScaleTargets.peakRssMiB, 'MiB'));
    }
  }
  result.notes.push(
    'Every resource is an invalid Deployment with three findings (wrong type, port out of range, unknown field); 50 per file in folders of 100 files.',
    'Output goes to a pipe read by the benchmark, as in CI; the summary line of every run is checked.',
  );
  return result;
}
