#!/usr/bin/env node
/**
 * npm's `prepare` step: installs the git hooks of package.json's `simple-git-hooks` for developers.
 * Skipped in CI, which runs the gate itself, and outside a git checkout (an unpacked tarball, a
 * Docker build context), so `npm ci` never fails or chatters here.
 */
'use strict';
const { spawnSync } = require('node:child_process');

const insideGitCheckout = () => spawnSync('git', ['rev-parse', '--git-dir'], { stdio: 'ignore' }).status === 0;

if (process.env.CI) {
  console.log('git hooks: CI is set, not installing the pre-commit hook');
} else if (!insideGitCheckout()) {
  console.log('git hooks: not a git checkout, not installing the pre-commit hook');
} else {
  require('simple-git-hooks/cli.js');
}
