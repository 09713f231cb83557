#!/usr/bin/env node
/**
 * The git pre-commit hook (installed by simple-git-hooks, see package.json): runs the gate,
 * `npm run check`, when the commit touches what synthesis reads or writes. Plain Node with no
 * dependencies, so that it runs before anything is built.
 */
'use strict';
const { spawnSync } = require('node:child_process');

/** Paths whose change can make dist/ stale or break the gate. */
const GATED_PATHS = [/^environments\//, /^lib\//, /^policies\//, /^main\.ts$/, /^dist\//];

/** True when one of the staged paths is one the gate covers. */
function touchesGatedPaths(stagedPaths) {
  return stagedPaths.some((path) => GATED_PATHS.some((pattern) => pattern.test(path)));
}

/** The paths staged for this commit (added, copied, modified, renamed or deleted). */
function stagedPaths() {
  const git = spawnSync('git', ['diff', '--cached', '--name-only', '--diff-filter=ACMRD', '-z'], { encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git diff --cached failed: ${git.stderr.trim()}`);
  return git.stdout.split('\0').filter(Boolean);
}

function main() {
  // CI runs the gate itself; a commit made there (a release bot, say) must not run it twice.
  if (process.env.CI) return 0;
  if (!touchesGatedPaths(stagedPaths())) return 0;
  console.error('pre-commit: running npm run check (the change touches environments/, lib/, policies/, main.ts or dist/)');
  const check = spawnSync('npm', ['run', '-s', 'check'], { stdio: 'inherit' });
  if (check.status === 0) return 0;
  console.error(
    '\npre-commit: npm run check failed, so nothing was committed. Fix what it reports (often: npm run synth, then stage dist/).\n' +
      'To commit anyway, deliberately: git commit --no-verify (or SKIP_SIMPLE_GIT_HOOKS=1 git commit).',
  );
  return check.status ?? 1;
}

if (require.main === module) process.exitCode = main();

module.exports = { touchesGatedPaths };
