import { loadEnvironments } from '../config';
import { buildApp } from '../app';
import { replaceDirectory } from './atomic-directory';
import { renderApp, type RenderedTree } from './render';

export { readTree, recoverInterruptedSwap, replaceDirectory, sameTree } from './atomic-directory';
export { objectFileName } from './layout';
export { ConstructValidationError, renderApp, type RenderedTree } from './render';

/** What {@link synthesize} did. */
export interface SynthResult {
  tree: RenderedTree;
  environments: string[];
  /** False when the output folder already held exactly this tree. */
  changed: boolean;
}

/**
 * Loads `environmentsDir`, builds the app and renders it in memory. Nothing touches the disk,
 * so a config or construct error leaves every output folder as it was.
 */
export function renderEnvironments(environmentsDir: string): { tree: RenderedTree; environments: string[] } {
  const environments = loadEnvironments(environmentsDir);
  const tree = renderApp(buildApp(environments));
  return { tree, environments: environments.map((e) => e.config.name).sort() };
}

/** Renders the environments and swaps the result into `outDir` atomically. */
export function synthesize(environmentsDir: string, outDir: string): SynthResult {
  const { tree, environments } = renderEnvironments(environmentsDir);
  const changed = replaceDirectory(outDir, tree);
  return { tree, environments, changed };
}
