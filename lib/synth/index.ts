import { loadEnvironments, type EnvironmentConfig } from '../config';
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

/** A rendering of the environments, with the configurations it was made from. */
export interface RenderedEnvironments {
  tree: RenderedTree;
  /** Names of the environments, sorted. */
  environments: string[];
  /** Each environment's configuration, by name. */
  configs: Map<string, EnvironmentConfig>;
}

/**
 * Loads `environmentsDir`, builds the app and renders it in memory. Nothing touches the disk,
 * so a config or construct error leaves every output folder as it was.
 */
export function renderEnvironments(environmentsDir: string): RenderedEnvironments {
  const environments = loadEnvironments(environmentsDir);
  const tree = renderApp(buildApp(environments));
  return {
    tree,
    environments: environments.map((e) => e.config.name).sort(),
    configs: new Map(environments.map((e) => [e.config.name, e.config])),
  };
}

/** Renders the environments and swaps the result into `outDir` atomically. */
export function synthesize(environmentsDir: string, outDir: string): SynthResult {
  const { tree, environments } = renderEnvironments(environmentsDir);
  const changed = replaceDirectory(outDir, tree);
  return { tree, environments, changed };
}
