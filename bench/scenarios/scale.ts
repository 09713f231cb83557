import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectCommand, projectRoot, type BenchContext } from '../context';
import { writeGeneratedEnvironments } from '../generate-config';
import { generateKustomize, type TreeEnvironment } from '../generate-kustomize';
import { runOnce, type BenchCommand } from '../measure';
import { compareObjectSets, parseObjects } from '../objects';
import { rowOf, section, target, type Row, type Section } from '../result';
import { ratio } from '../stats';
import { readFolder } from '../trees';

/** Options of the scale measurement. */
export interface ScaleOptions {
  /** Service counts to generate (each × 3 environments). */
  sizes: readonly number[];
  /** A kustomize render still running after this long is stopped; its time is then a lower bound. */
  kustomizeLimitSeconds: number;
}

/** What the growth measurement needs from this one: synth medians by size. */
export interface ScaleResult {
  section: Section;
  synthMedianMs: Map<number, number>;
  /** The generated platforms, by size, reused by the gate measurement. */
  platforms: Map<number, { environments: string; dist: string; objects: number }>;
}

/** Targets of the brief: at 1,000 services our synth no slower than kustomize. */
export const scaleTargets = { atServices: 1000, largestRatio: 1.0 };

/**
 * Measurement 2: generated platforms of N services × 3 environments, synthesized as `npm run synth` does it (`node lib/launch/run.js main.ts`)
 * and rendered by `kubectl kustomize` from an equivalent base + overlays tree (bench/generate-kustomize.ts).
 * Before timing, kustomize's output must equal ours object for object.
 */
export function benchScale(context: BenchContext, options: ScaleOptions): ScaleResult {
  const result = section('scale', '2. Scale: generated services × 3 environments, our synth versus kustomize');
  const synthMedianMs = new Map<number, number>();
  const platforms: ScaleResult['platforms'] = new Map();
  for (const size of options.sizes) {
    context.log(`scale: ${size} services × 3 environments`);
    const dir = join(context.workDir, `scale-${size}`);
    const environments = join(dir, 'environments');
    const dist = join(dir, 'dist');
    const environmentNames = writeGeneratedEnvironments(join(projectRoot, 'environments'), environments, size);

    const synth: BenchCommand = {
      label: `synth, ${size} services`,
      ...projectCommand('main.ts', ['--environments', environments, '--out', dist, '--quiet']),
      cwd: projectRoot,
    };
    const synthWarmup = runOnce(synth);
    const tree = readFolder(dist);
    platforms.set(size, { environments, dist, objects: tree.size });
    const kustomize = prepareKustomize(dir, tree, environmentNames, size, options.kustomizeLimitSeconds);

    const kustomizeCheck = runOnce(kustomize);
    const ours = context.measure(synth, { warmup: synthWarmup }).measurement;
    synthMedianMs.set(size, ours.wallMs.median);
    result.rows.push(rowOf(ours));
    const counts = [...tree.keys()].reduce<Record<string, number>>((all, path) => ({ ...all, [path.split('/')[0]]: (all[path.split('/')[0]] ?? 0) + 1 }), {});
    const countText = Object.entries(counts).map(([folder, count]) => `${folder} ${count}`).join(', ');

    if (kustomizeCheck.exitCode === 124) {
      const limitMs = options.kustomizeLimitSeconds * 1000;
      result.rows.push(timedOutRow(kustomize, limitMs));
      const bound = Math.round((ours.wallMs.median / limitMs) * 1000) / 1000;
      result.ratios.push({ name: `synth / kustomize, ${size} services (upper bound: kustomize stopped)`, value: bound });
      result.notes.push(
        `${size} services: ${tree.size} objects (${countText}); kustomize was stopped after ${options.kustomizeLimitSeconds} s, so its time is a lower bound and the ratio an upper bound.`,
      );
      if (size === scaleTargets.atServices) result.targets.push(target(`synth / kustomize at ${size} services (upper bound)`, bound, scaleTargets.largestRatio, 'ratio'));
      continue;
    }
    const layout = checkKustomizeOutput(dir, tree, size);
    const { measurement, note } = context.measure(kustomize, { warmup: kustomizeCheck });
    result.rows.push(rowOf(measurement, undefined, note));
    const value = ratio(ours.wallMs, measurement.wallMs);
    result.ratios.push({ name: `synth / kustomize, ${size} services`, value });
    result.notes.push(`${size} services: ${tree.size} objects (${countText}); kustomize tree: ${layout}; outputs checked equal.`);
    if (size === scaleTargets.atServices) result.targets.push(target(`synth / kustomize at ${size} services`, value, scaleTargets.largestRatio, 'ratio'));
  }
  return { section: result, synthMedianMs, platforms };
}

/** Writes the kustomize tree and a script rendering every target, run under `timeout`. */
function prepareKustomize(dir: string, tree: Map<string, string>, environments: TreeEnvironment[], size: number, limitSeconds: number): BenchCommand {
  const root = join(dir, 'kustomize');
  const layout = generateKustomize(tree, environments, root);
  mkdirSync(join(root, 'out'), { recursive: true });
  const lines = [...layout.targets].map(([folder, target]) => `kubectl kustomize '${target}' > 'out/${folder}.yaml'`);
  writeFileSync(join(root, 'render.sh'), `set -e\n${lines.join('\n')}\n`);
  writeFileSync(
    join(root, 'layout.json'),
    JSON.stringify({ ...layout, targets: Object.fromEntries(layout.targets) }, null, 2),
  );
  return {
    label: `kubectl kustomize, ${size} services`,
    file: 'timeout',
    args: ['-k', '5', String(limitSeconds), 'sh', 'render.sh'],
    cwd: root,
    allowedExitCodes: [124],
  };
}

/** Throws unless every kustomize output equals the same folder of our tree; returns a layout summary. */
function checkKustomizeOutput(dir: string, tree: Map<string, string>, size: number): string {
  const root = join(dir, 'kustomize');
  const layout = JSON.parse(readFileSync(join(root, 'layout.json'), 'utf8')) as { targets: Record<string, string>; bases: number; patchedObjects: number; addedObjects: number; deletedObjects: number };
  for (const folder of Object.keys(layout.targets)) {
    const ours = [...tree].filter(([path]) => path.startsWith(`${folder}/`)).flatMap(([path, text]) => parseObjects(text, path));
    const theirs = parseObjects(readFileSync(join(root, 'out', `${folder}.yaml`), 'utf8'), `kustomize ${folder}`);
    const differences = compareObjectSets(ours, theirs);
    if (differences.length > 0) {
      throw new Error(`scale ${size}: kustomize output for ${folder} differs from our synth (${differences.length}): ${differences.slice(0, 5).join('; ')}`);
    }
  }
  return `${layout.bases} bases, ${layout.patchedObjects} patched, ${layout.addedObjects} added, ${layout.deletedObjects} deleted objects`;
}

function timedOutRow(command: BenchCommand, limitMs: number): Row {
  return {
    label: command.label,
    command: [command.file, ...command.args].join(' '),
    runs: 1,
    wallMs: { median: limitMs, min: limitMs, max: limitMs },
    peakRssMiB: null,
    note: `stopped after ${limitMs / 1000} s without finishing: the figure is a lower bound`,
  };
}
