import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshBundle } from '../../lib/launch/bundle-cache';
import { projectBin, projectCommand, projectRoot, type BenchContext } from '../context';
import { runOnce, type BenchCommand } from '../measure';
import { rowOf, section, target, type Section } from '../result';
import { ratio } from '../stats';
import { folderDifferences } from '../trees';

/** Targets of the briefs for the three reference environments (`checkWallMs`: issues 11 and 12). */
export const referenceTargets = { synthWallMs: 1000, ratioToCdk8s: 0.4, checkWallMs: 2000 };

/**
 * Measurement 1: synthesizing environments/ (3 environments) through `npm run synth`, the same
 * command without npm (`node lib/launch/run.js main.ts`, the cached esbuild bundle) and `tsx main.ts`
 * (the sources through a TypeScript loader), against the stock cdk8s path (`cdk8s synth` running
 * `npx ts-node main.ts`, as `cdk8s init typescript-app` sets it up) in a scratch copy of the project.
 * All variants must write the same dist/ before anything is timed.
 */
export async function benchReferencePlatform(context: BenchContext): Promise<Section> {
  const result = section('reference', '1. Reference platform (environments/, 3 environments)');
  const dir = join(context.workDir, 'reference');
  mkdirSync(dir, { recursive: true });
  const environments = join(projectRoot, 'environments');
  const out = (name: string) => join(dir, `dist-${name}`);
  const synthArgs = (name: string) => ['--environments', environments, '--out', out(name), '--quiet'];

  const started = process.hrtime.bigint();
  await freshBundle(projectRoot, 'main.ts', join(dir, 'bundle-cache'));
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  result.notes.push(
    `npm run synth runs main.ts from a bundle cached in node_modules/.cache/launch (lib/launch); after an edit to any source the next run first rebuilds it, which took ${buildMs.toFixed(0)} ms here.`,
  );
  const stock = prepareStockCdk8sCopy(join(dir, 'cdk8s-stock'));

  const commands: BenchCommand[] = [
    { label: 'npm run synth', file: 'npm', args: ['run', '--silent', 'synth', '--', ...synthArgs('npm')], cwd: projectRoot },
    { label: 'tsx main.ts', file: projectBin('tsx'), args: ['main.ts', ...synthArgs('tsx')], cwd: projectRoot },
    { label: 'node lib/launch/run.js main.ts', ...projectCommand('main.ts', synthArgs('bundle')), cwd: projectRoot },
    { label: 'cdk8s synth (app: npx ts-node main.ts)', file: projectBin('cdk8s'), args: ['synth'], cwd: stock },
  ];
  context.log('reference platform: checking that every variant writes the same dist/');
  for (const command of commands) runOnce(command);
  for (const [name, folder] of [['npm', out('npm')], ['bundle', out('bundle')], ['cdk8s', join(stock, 'dist')]]) {
    const differences = folderDifferences(out('tsx'), folder);
    if (differences.length > 0) throw new Error(`reference platform: ${name} output differs from tsx main.ts: ${differences.slice(0, 5).join('; ')}`);
  }
  result.notes.push('Before timing, the dist/ of every variant was checked byte-identical to that of `tsx main.ts`.');

  const [npm, tsx, bundled, cdk8s] = commands.map((command) => context.measure(command).measurement);
  result.rows.push(rowOf(npm), rowOf(tsx), rowOf(bundled), rowOf(cdk8s));
  result.ratios.push(
    { name: 'npm run synth / cdk8s synth', value: ratio(npm.wallMs, cdk8s.wallMs) },
    { name: 'tsx main.ts / cdk8s synth', value: ratio(tsx.wallMs, cdk8s.wallMs) },
    { name: 'node lib/launch/run.js main.ts / cdk8s synth', value: ratio(bundled.wallMs, cdk8s.wallMs) },
  );
  result.targets.push(
    target('npm run synth wall time', npm.wallMs.median, referenceTargets.synthWallMs, 'ms'),
    target('npm run synth / cdk8s synth', ratio(npm.wallMs, cdk8s.wallMs), referenceTargets.ratioToCdk8s, 'ratio'),
  );

  // The gate on the committed dist/, as a developer (and the commit hook) runs it.
  const check: BenchCommand = { label: 'npm run check', file: 'npm', args: ['run', '--silent', 'check'], cwd: projectRoot };
  const checked = runOnce(check);
  if (!/^check passed:/m.test(checked.stdout)) throw new Error(`npm run check did not pass on the reference platform: ${checked.stdout.trim().split('\n').pop()}`);
  const { measurement: gate, note } = context.measure(check);
  result.rows.push(rowOf(gate, undefined, note));
  result.targets.push(target('npm run check wall time', gate.wallMs.median, referenceTargets.checkWallMs, 'ms'));
  result.notes.push(
    'npm run check validates each environment at its Kubernetes version, runs every policy and compares with the committed dist/; its validator cache (node_modules/.cache/validators) is filled by the unmeasured first run, as by any earlier run on the machine.',
  );
  return result;
}

/**
 * A scratch copy of the project whose cdk8s.yaml is the one `cdk8s init typescript-app` writes
 * (`app: npx ts-node main.ts`, output dist/), so the real cdk8s.yaml and dist/ are never touched.
 */
function prepareStockCdk8sCopy(copy: string): string {
  mkdirSync(copy, { recursive: true });
  for (const entry of ['main.ts', 'lib', 'environments', 'policies', 'package.json', 'tsconfig.json']) {
    cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  writeFileSync(join(copy, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node main.ts\n');
  return copy;
}
