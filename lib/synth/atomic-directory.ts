import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { RenderedTree } from './render';

/** Sibling folders used during a swap; dot-prefixed so that Argo CD and globs skip them. */
function stagingPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.staging-${process.pid}`);
}
function previousPrefix(target: string): string {
  return `.${basename(target)}.previous-`;
}

/**
 * Replaces `target` with exactly `tree`, so that readers see either the old tree or the new one,
 * never a mix: the new tree is written to a sibling folder, then two renames swap it in. A run
 * killed between those renames leaves the old tree as `.dist.previous-<pid>`, which the next run
 * restores before doing anything else. Returns false when `target` already held `tree`.
 */
export function replaceDirectory(target: string, tree: RenderedTree): boolean {
  recoverInterruptedSwap(target);
  if (existsSync(target) && sameTree(readTree(target), tree)) return false;

  const staging = stagingPath(target);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, text] of tree) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), text);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = join(dirname(target), `${previousPrefix(target)}${process.pid}`);
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
  return true;
}

/** Puts back a tree that an interrupted swap had moved aside, and drops abandoned staging folders. */
export function recoverInterruptedSwap(target: string): void {
  const parent = dirname(target);
  if (!existsSync(parent)) return;
  const leftovers = readdirSync(parent).filter((name) => name.startsWith(`.${basename(target)}.`)).sort();
  for (const name of leftovers) {
    const path = join(parent, name);
    if (name.startsWith(previousPrefix(target)) && !existsSync(target)) renameSync(path, target);
    else rmSync(path, { recursive: true, force: true });
  }
}

/** Every file under `root`, by relative path with "/" separators. */
export function readTree(root: string): RenderedTree {
  const tree: RenderedTree = new Map();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else tree.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  if (existsSync(root)) walk(root);
  return tree;
}

/** True when both trees hold the same paths with the same contents. */
export function sameTree(a: RenderedTree, b: RenderedTree): boolean {
  if (a.size !== b.size) return false;
  for (const [path, text] of a) if (b.get(path) !== text) return false;
  return true;
}
