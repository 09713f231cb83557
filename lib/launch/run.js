#!/usr/bin/env node
// @ts-check
/**
 * `node lib/launch/run.js <entry.ts> [args...]`: runs a TypeScript command-line entry point from
 * its cached bundle (see bundle-cache.js), as if Node had been started on the entry itself.
 * Stack traces name the bundle; `NODE_OPTIONS=--enable-source-maps` maps them to the TypeScript
 * sources (off by default: reading the source map costs a quarter of a second at every start).
 */
const Module = require('node:module');
const { resolve } = require('node:path');
const { freshBundle } = require('./bundle-cache');

async function main() {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('usage: node lib/launch/run.js <entry.ts> [args...]\n');
    process.exit(2);
  }
  const root = resolve(__dirname, '..', '..');
  exitQuietlyOnClosedOutput();
  const { file } = await freshBundle(root, entry);
  // The bundle runs as the main module, so `require.main === module` holds in the entry as it
  // does when Node starts on the entry itself.
  process.argv = [process.argv[0], file, ...args];
  /** @type {{ runMain(): void }} */ (/** @type {unknown} */ (Module)).runMain();
}

/**
 * When the reader of standard output goes away (`npm run validate | head`), stop as a Go command
 * line such as kubeconform does, killed by SIGPIPE: no stack trace, exit status 141 (128 + 13).
 * Node ignores SIGPIPE, so a write would otherwise end in an unhandled EPIPE error.
 */
function exitQuietlyOnClosedOutput() {
  process.stdout.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
  });
}

main().catch((error) => {
  process.stderr.write(`launch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
