import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { isManifestFile, snapshotFromFiles, type Snapshot } from './snapshot';

/**
 * Reading dist/ as it was at a git revision, straight from the object database (`git ls-tree`,
 * `git cat-file --batch`): no checkout, no shell, one process per step whatever the file count.
 */

/** A git command failed; the message names the command and git's own explanation. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** A revision resolved to a commit, with the name to show for it. */
export interface BaseRevision {
  /** Full commit id. */
  readonly commit: string;
  /** How reports name it: `origin/main merge-base (1a2b3c4)`, `HEAD (1a2b3c4)`, `v1.2 (1a2b3c4)`. */
  readonly label: string;
}

const MAX_OUTPUT = 512 * 1024 * 1024;

/**
 * Resolves `--base`: the given revision, or by default the merge-base of HEAD with `origin/main`
 * when that ref exists (what a pull request is compared with), else HEAD.
 * @throws GitError when `cwd` is not in a git repository or the revision does not exist.
 */
export function resolveBase(cwd: string, revision: string | undefined): BaseRevision {
  if (revision !== undefined) {
    const commit = verifyCommit(cwd, revision);
    if (commit === undefined) {
      throw new GitError(`unknown revision "${revision}": pass a branch, tag or commit that exists in this repository to --base`);
    }
    return { commit, label: `${revision} (${commit.slice(0, 7)})` };
  }
  if (verifyCommit(cwd, 'origin/main') !== undefined) {
    const commit = git(cwd, ['merge-base', 'HEAD', 'origin/main']).toString('utf8').trim();
    return { commit, label: `merge-base with origin/main (${commit.slice(0, 7)})` };
  }
  const head = verifyCommit(cwd, 'HEAD');
  if (head === undefined) throw new GitError('HEAD names no commit yet: commit once, or pass --base <revision>');
  return { commit: head, label: `HEAD (${head.slice(0, 7)})` };
}

/**
 * The snapshot of `distDir` (a path in the working tree, existing or not) at `base`. A revision
 * without that folder gives an empty snapshot: everything in the working tree counts as added.
 */
export function readGitSnapshot(distDir: string, base: BaseRevision): Snapshot {
  const { root, prefix } = locateInRepository(distDir);
  const entries = git(root, ['ls-tree', '-r', '-z', '--full-tree', base.commit, '--', prefix === '' ? '.' : prefix])
    .toString('utf8')
    .split('\0')
    .filter((line) => line !== '')
    .map(parseTreeEntry)
    .filter((entry) => entry.type === 'blob' && isManifestFile(entry.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const texts = readBlobs(root, entries.map((entry) => entry.object));
  const files = new Map<string, string>();
  entries.forEach((entry, i) => files.set(prefix === '' ? entry.path : entry.path.slice(prefix.length + 1), texts[i] as string));
  return snapshotFromFiles(base.label, files, distDir.replace(/\/+$/, ''));
}

/**
 * The repository's top folder and `distDir`'s path inside it (`/` separated, no trailing slash).
 * `distDir` need not exist: the repository is found from its nearest existing parent.
 * @throws GitError when that folder is not inside a git repository.
 */
export function locateInRepository(distDir: string): { root: string; prefix: string } {
  const absolute = resolve(distDir);
  let existing = absolute;
  while (!existsSync(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  const root = git(real, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  const prefix = relative(realpathSync(root), resolve(real, relative(existing, absolute)));
  if (prefix.startsWith('..')) throw new GitError(`${distDir} is outside the git repository at ${root}`);
  return { root, prefix: prefix.split(sep).join('/') };
}

function parseTreeEntry(line: string): { type: string; object: string; path: string } {
  // <mode> SP <type> SP <object> TAB <path>
  const tab = line.indexOf('\t');
  const [, type, object] = line.slice(0, tab).split(' ');
  return { type: type as string, object: object as string, path: line.slice(tab + 1) };
}

/** Reads many blobs with one `git cat-file --batch`: each answer is `<oid> blob <size>\n<content>\n`. */
function readBlobs(root: string, objects: readonly string[]): string[] {
  if (objects.length === 0) return [];
  const output = git(root, ['cat-file', '--batch'], `${objects.join('\n')}\n`);
  const texts: string[] = [];
  let offset = 0;
  for (const object of objects) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8').split(' ');
    if (header[1] !== 'blob') throw new GitError(`git cat-file: ${object} is not a readable blob (${header.join(' ')})`);
    const size = Number(header[2]);
    texts.push(output.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    offset = headerEnd + 1 + size + 1;
  }
  return texts;
}

function verifyCommit(cwd: string, revision: string): string | undefined {
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).toString('utf8').trim();
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.message)) throw error;
    return undefined;
  }
}

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: MAX_OUTPUT, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim() ?? '';
    const reason = stderr.split('\n')[0] || (error as Error).message;
    throw new GitError(`git ${args[0]} failed in ${cwd}: ${reason}`);
  }
}
