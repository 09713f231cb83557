import { diffSnapshots, unknownEnvironments, type ReviewDiff } from './diff';
import { locateInRepository, readGitSnapshot, resolveBase } from './git';
import { readFolderSnapshot, SnapshotError } from './snapshot';

/** What {@link reviewDist} compares. */
export interface ReviewOptions {
  /** The dist/ folder in the working tree. */
  readonly distDir: string;
  /** Git revision to compare with; see {@link resolveBase} for the default. */
  readonly base?: string;
  /** Only these environments (top-level folders of dist/); all when absent or empty. */
  readonly environments?: readonly string[];
}

/**
 * Compares `distDir` in the working tree with the same folder at the base revision.
 * @throws GitError for a bad revision, SnapshotError for unreadable manifests or an unknown environment.
 */
export function reviewDist(options: ReviewOptions): ReviewDiff {
  const base = resolveBase(locateInRepository(options.distDir).root, options.base);
  const before = readGitSnapshot(options.distDir, base);
  const after = readFolderSnapshot(options.distDir);
  const requested = options.environments !== undefined && options.environments.length > 0 ? options.environments : undefined;
  if (requested !== undefined) {
    const unknown = unknownEnvironments(before, after, requested);
    if (unknown.length > 0) {
      const known = [...new Set([...before.environments.keys(), ...after.environments.keys()])].sort();
      throw new SnapshotError(
        `unknown environment ${unknown.map((name) => `"${name}"`).join(', ')}: ${options.distDir}/ has ${known.length > 0 ? known.join(', ') : 'no environments'} (at ${base.label} or in the working tree)`,
      );
    }
  }
  return diffSnapshots(before, after, requested);
}
