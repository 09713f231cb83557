import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from './context';

/**
 * Bundles main.ts and its dependencies (cdk8s, cdk8s-plus, zod, yaml…) into one CommonJS file with
 * esbuild: Node then loads one file instead of resolving and compiling hundreds of modules through
 * tsx, which is where a small synth spends most of its time. Returns the bundle's path and build time.
 */
export async function bundleSynth(outDir: string): Promise<{ file: string; buildMs: number }> {
  const file = join(outDir, 'synth.cjs');
  const started = process.hrtime.bigint();
  await build({
    entryPoints: [join(projectRoot, 'main.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    logLevel: 'error',
    plugins: [sourceDirname],
  });
  return { file, buildMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

/**
 * Project files that read assets next to themselves (`join(__dirname, 'backup', …)`) keep reading
 * them from the source tree: `__dirname` is replaced by the folder the file came from.
 */
const sourceDirname: Plugin = {
  name: 'source-dirname',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path))), loader: 'ts' };
    });
  },
};
