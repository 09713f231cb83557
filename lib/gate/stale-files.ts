import type { RenderedTree } from '../synth';

/** How the committed dist/ differs from a fresh synthesis. */
export interface StaleFiles {
  /** Files synthesis writes that dist/ lacks. */
  readonly missing: string[];
  /** Files in dist/ that synthesis no longer writes. */
  readonly extra: string[];
  /** Files whose contents differ (stale, or edited by hand). */
  readonly changed: string[];
}

/** Compares a fresh synthesis with the committed tree, file by file; every list is sorted. */
export function staleFiles(fresh: RenderedTree, committed: RenderedTree): StaleFiles {
  const missing = [...fresh.keys()].filter((path) => !committed.has(path)).sort();
  const extra = [...committed.keys()].filter((path) => !fresh.has(path)).sort();
  const changed = [...fresh.keys()].filter((path) => committed.has(path) && committed.get(path) !== fresh.get(path)).sort();
  return { missing, extra, changed };
}

/** True when dist/ is exactly what synthesis writes. */
export function isUpToDate(stale: StaleFiles): boolean {
  return stale.missing.length + stale.extra.length + stale.changed.length === 0;
}
