// @ts-check
/**
 * Runs a TypeScript entry point from an esbuild bundle kept in node_modules/.cache/launch/.
 *
 * Why: loading the sources through a TypeScript loader means resolving and transforming hundreds
 * of modules (cdk8s-plus alone is a 2.5 MB generated file), ≈ 1 s before any work starts. One
 * bundled file loads in a fraction of that. The bundle is rebuilt whenever an input changed, so an
 * edit to any source file is picked up on the next run, as with tsx.
 *
 * Plain JavaScript on purpose: it must start without any TypeScript loader.
 */
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

/** Bumped when the way bundles are built changes, so that old bundles are not reused. */
const FORMAT = 1;

/** File systems record modification times coarsely (up to a second on some). */
const MTIME_SLACK_MS = 1000;

/**
 * @typedef {{ format: number, root: string, node: string, installed: string | null,
 *   files: Record<string, string> }} Stamp
 * What a bundle was built from. `root` is the checkout: a bundle holds its absolute paths, and
 * clones may share one node_modules (and so this cache) through a symlink. `files` maps each project source (relative to the root) to its
 * size and modification time; dependencies are covered by npm's record of the last install
 * (node_modules/.package-lock.json), because npm gives every installed file the same old mtime.
 */

/**
 * Returns the path of an up-to-date bundle of `entry`, building it first when any input changed.
 * @param {string} root project root (holds package.json and node_modules)
 * @param {string} entry the TypeScript entry point, relative to root
 * @param {string} [dir] where bundles are kept
 * @returns {Promise<{ file: string, built: boolean }>}
 */
async function freshBundle(root, entry, dir = join(root, 'node_modules', '.cache', 'launch')) {
  const name = relative(root, resolve(root, entry)).replace(/[\\/]/g, '__').replace(/\.ts$/, '');
  const file = join(dir, `${name}.cjs`);
  const stampFile = join(dir, `${name}.json`);
  if (existsSync(file) && isFresh(root, readStamp(stampFile))) return { file, built: false };

  // Loaded only when needed: a run from a fresh bundle does not pay for esbuild.
  const { build } = require('esbuild');
  const started = Date.now();
  const result = await build({
    entryPoints: [resolve(root, entry)],
    absWorkingDir: root,
    outfile: file,
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'error',
    plugins: [sourceDirname],
  });
  const inputs = Object.keys(result.metafile?.inputs ?? {}).filter((input) => !input.includes('node_modules/'));
  mkdirSync(dir, { recursive: true });
  // Written under a private name and renamed: a concurrent run never loads a half-written bundle.
  for (const output of result.outputFiles) {
    const temporary = `${output.path}.${process.pid}`;
    writeFileSync(temporary, output.contents);
    renameSync(temporary, output.path);
  }
  if (inputs.some((input) => modifiedSince(join(root, input), started - MTIME_SLACK_MS))) {
    // A file saved while esbuild read the sources: this bundle may hold its old text, so it is
    // used for this run only and rebuilt on the next.
    rmSync(stampFile, { force: true });
  } else {
    writeFileSync(`${stampFile}.${process.pid}`, JSON.stringify(stampOf(root, inputs)));
    renameSync(`${stampFile}.${process.pid}`, stampFile);
  }
  return { file, built: true };
}

/**
 * @param {string} root
 * @param {string[]} inputs project files, relative to root
 * @returns {Stamp}
 */
function stampOf(root, inputs) {
  /** @type {Record<string, string>} */
  const files = {};
  for (const input of inputs) files[input] = fileVersion(join(root, input)) ?? 'missing';
  return {
    format: FORMAT,
    root,
    node: process.version,
    installed: fileVersion(join(root, 'node_modules', '.package-lock.json')),
    files,
  };
}

/**
 * @param {string} root
 * @param {Stamp | null} stamp
 */
function isFresh(root, stamp) {
  if (!stamp) return false;
  const now = stampOf(root, Object.keys(stamp.files));
  return (
    now.format === stamp.format &&
    now.root === stamp.root &&
    now.node === stamp.node &&
    now.installed === stamp.installed &&
    Object.entries(stamp.files).every(([input, version]) => now.files[input] === version)
  );
}

/**
 * @param {string} path
 * @param {number} time milliseconds since the epoch
 */
function modifiedSince(path, time) {
  try {
    return statSync(path).mtimeMs >= time;
  } catch {
    return true;
  }
}

/** @param {string} path */
function fileVersion(path) {
  try {
    const stats = statSync(path);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * @param {string} path
 * @returns {Stamp | null}
 */
function readStamp(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Project files that read assets beside themselves (`join(__dirname, 'backup', …)`) keep reading
 * them from the source tree: in a bundle `__dirname` would be the cache folder.
 * @type {import('esbuild').Plugin}
 */
const sourceDirname = {
  name: 'source-dirname',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path))), loader: 'ts' };
    });
  },
};

module.exports = { freshBundle };
