import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { projectRoot } from './context';

/**
 * Bundles main.ts and its dependencies (cdk8s, cdk8s-plus, zod, yaml…) into one CommonJS file with
 * esbuild: Node then loads one file instead of resolving and compiling hundreds of modules through
 * tsx, which is where a small synth spends most of its time. Returns the bundle's path and build time.
 */
export function bundleSynth(outDir: string): { file: string; buildMs: number } {
  const file = join(outDir, 'synth.cjs');
  const started = process.hrtime.bigint();
  buildSync({
    entryPoints: [join(projectRoot, 'main.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    logLevel: 'error',
  });
  return { file, buildMs: Number(process.hrtime.bigint() - started) / 1e6 };
}
