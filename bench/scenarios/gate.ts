import { existsSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectCommand, projectRoot, type BenchContext } from '../context';
import { CommandFailedError, type BenchCommand } from '../measure';
import { rowOf, section, target, type Section } from '../result';
import type { ScaleResult } from './scale';

/** Targets of the brief for the gate at 1,000 services. */
export const gateTargets = { atServices: 1000, wallMs: 20_000, peakRssMiB: 1536 };

/** What the growth measurement needs from this one: gate medians by size. */
export interface GateBenchResult {
  section: Section;
  gateMedianMs: Map<number, number>;
}

/**
 * Measurement 3: the full gate (`npm run check`: synthesis, schemas, policies, stale-dist check) on
 * the generated platforms of the scale measurement, and schema validation (`npm run validate`) and
 * policies (`npm run policy test`) on their own, for objects/s of each.
 */
export function benchGate(context: BenchContext, platforms: ScaleResult['platforms'], sizes: readonly number[]): GateBenchResult {
  const result = section('gate', '3. The gate on generated platforms');
  const gateMedianMs = new Map<number, number>();
  if (sizes.length === 0) result.notes.push('Not measured: the gate runs on generated platforms of 100 services or more only.');
  for (const size of sizes) {
    const platform = platforms.get(size);
    if (platform === undefined) continue;
    context.log(`gate: ${size} services`);
    // The policy CLI reads dist/, environments/ and policies/ from its working folder.
    const folder = dirname(platform.dist);
    if (!existsSync(join(folder, 'policies'))) symlinkSync(join(projectRoot, 'policies'), join(folder, 'policies'), 'dir');
    const commands: { command: BenchCommand; throughput: boolean }[] = [
      {
        command: { label: `npm run check, ${size} services`, ...projectCommand('lib/cli/check.ts', ['--environments', platform.environments, '--dist', platform.dist]), cwd: projectRoot },
        throughput: false,
      },
      {
        command: { label: `npm run validate, ${size} services`, ...projectCommand('lib/cli/validate.ts', [platform.dist]), cwd: projectRoot },
        throughput: true,
      },
      {
        command: { label: `npm run policy test, ${size} services`, ...projectCommand('lib/cli/policy.ts', ['test']), cwd: folder },
        throughput: true,
      },
    ];
    for (const { command, throughput } of commands) {
      try {
        const { measurement, note } = context.measure(command);
        const perRun = throughput ? { unit: 'objects/s', perRun: measurement.samples.map((sample) => (platform.objects / sample.wallMs) * 1000) } : undefined;
        result.rows.push(rowOf(measurement, perRun, note));
        if (command.label.startsWith('npm run check')) {
          gateMedianMs.set(size, measurement.wallMs.median);
          if (size === gateTargets.atServices) {
            result.targets.push(target(`gate wall time at ${size} services`, measurement.wallMs.median / 1000, gateTargets.wallMs / 1000, 's'));
            if (measurement.peakRssMiB) result.targets.push(target(`gate peak RSS at ${size} services`, measurement.peakRssMiB.max, gateTargets.peakRssMiB, 'MiB'));
          }
        }
      } catch (error) {
        if (!(error instanceof CommandFailedError)) throw error;
        result.notes.push(`${command.label} FAILED after ${(error.wallMs / 1000).toFixed(1)} s, not measured: ${firstLines(error.message)}`);
        if (command.label.startsWith('npm run check') && size === gateTargets.atServices) {
          result.targets.push(target(`gate wall time at ${size} services`, null, gateTargets.wallMs / 1000, 's'));
        }
        context.log(`  ${command.label}: failed`);
      }
    }
    result.notes.push(`${size} services: ${platform.objects} objects; objects/s = objects / wall time of the whole command, start-up included.`);
  }
  return { section: result, gateMedianMs };
}

function firstLines(text: string): string {
  return text.split('\n').filter((line) => line.trim() !== '' && !line.includes('npm warn')).slice(0, 4).join(' / ');
}
