import * as fs from 'fs';
import * as path from 'path';
import { ManifestDocument, parseManifest } from './parse';

/** File name endings read when walking a folder (named files are read whatever their ending). */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];

/** A path given to the reader that does not exist or cannot be read. */
export class ManifestInputError extends Error {
  constructor(
    readonly inputPath: string,
    readonly reason: string,
  ) {
    super(`${inputPath}: ${reason}`);
    this.name = 'ManifestInputError';
  }
}

/** Everything read from a set of files and folders. */
export interface ManifestSet {
  /** Every file read, sorted. */
  readonly files: readonly string[];
  /** Every document of every file, in file order then document order. */
  readonly documents: readonly ManifestDocument[];
}

/** How paths are searched. */
export interface DiscoveryOptions {
  /** Files whose path matches any of these (anywhere in the path, as kubeconform's -ignore-filename-pattern) are left out. */
  readonly ignore?: readonly RegExp[];
}

/** One path found: a manifest file, or a path that could not be searched or read. */
export type DiscoveredPath = { readonly file: string; readonly problem?: undefined } | { readonly file: string; readonly problem: ManifestInputError };

/**
 * Finds the manifest files under the given files and folders. Folders are walked recursively for
 * `.yaml`, `.yml` and `.json` files, following symbolic links (each real folder once, so a link
 * cycle ends); files are taken as named. A path that does not exist or cannot be listed comes back
 * with its problem instead of stopping the search. Sorted by path, without duplicates.
 */
export function discoverManifestFiles(inputs: readonly string[], options: DiscoveryOptions = {}): DiscoveredPath[] {
  const found = new Map<string, DiscoveredPath>();
  const ignored = (file: string): boolean => (options.ignore ?? []).some((pattern) => pattern.test(file));
  const visitedFolders = new Set<string>();
  const walk = (folder: string): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(folder);
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      found.set(folder, { file: folder, problem: new ManifestInputError(folder, describeFsError(error)) });
      return;
    }
    if (visitedFolders.has(real)) return;
    visitedFolders.add(real);
    for (const entry of entries) {
      const entryPath = path.join(folder, entry.name);
      const kind = entry.isSymbolicLink() ? linkTarget(entryPath) : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
      if (kind === 'folder') walk(entryPath);
      else if (kind === 'file' && MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && !ignored(entryPath)) {
        found.set(entryPath, { file: entryPath });
      }
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (error) {
      found.set(input, { file: input, problem: new ManifestInputError(input, describeFsError(error)) });
      continue;
    }
    if (stat.isDirectory()) walk(input);
    else if (!ignored(input)) found.set(input, { file: input });
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** What a symbolic link leads to; a dangling link is left out like any non-file. */
function linkTarget(link: string): 'file' | 'folder' | 'other' {
  try {
    const stat = fs.statSync(link);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

/** `no such file or folder`, `permission denied`…, with what to do. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder; pass existing files or folders of manifests';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; check the file mode or run as a user who may read it';
  if (code === 'EISDIR') return 'is a folder where a file was expected';
  return `cannot be read (${code ?? String(error)})`;
}

/**
 * Lists the manifest files under the given files and folders (see {@link discoverManifestFiles}).
 * @throws ManifestInputError for the first path that does not exist or cannot be listed.
 */
export function findManifestFiles(inputs: readonly string[], options: DiscoveryOptions = {}): string[] {
  const discovered = discoverManifestFiles(inputs, options);
  const problem = discovered.find((entry) => entry.problem !== undefined)?.problem;
  if (problem) throw problem;
  return discovered.map((entry) => entry.file);
}

/** One file's documents, or why it could not be read. */
export type ManifestFileRead = { readonly file: string; readonly documents: ManifestDocument[]; readonly problem?: undefined } | { readonly file: string; readonly documents?: undefined; readonly problem: ManifestInputError };

/**
 * Reads the manifests under the given paths one file at a time, so that only one file's text and
 * documents are held at once however many files there are. Paths that cannot be read come back as
 * problems in their place; the rest are still read.
 */
export function* readManifestFiles(inputs: readonly string[], options: DiscoveryOptions = {}): Generator<ManifestFileRead> {
  for (const entry of discoverManifestFiles(inputs, options)) {
    if (entry.problem) {
      yield entry;
      continue;
    }
    let text: string;
    try {
      text = fs.readFileSync(entry.file, 'utf8');
    } catch (error) {
      yield { file: entry.file, problem: new ManifestInputError(entry.file, describeFsError(error)) };
      continue;
    }
    yield { file: entry.file, documents: parseManifest(text, entry.file) };
  }
}

/**
 * Reads and parses every manifest under the given files and folders (see {@link findManifestFiles}).
 * Documents that cannot be parsed are returned with their `error` set rather than thrown.
 * @throws ManifestInputError when a path does not exist or a file cannot be read.
 */
export function readManifests(inputs: readonly string[]): ManifestSet {
  const files: string[] = [];
  const documents: ManifestDocument[] = [];
  for (const read of readManifestFiles(inputs)) {
    if (read.problem) throw read.problem;
    files.push(read.file);
    for (const document of read.documents) documents.push(document);
  }
  return { files, documents };
}

/**
 * Parses manifests held in memory (file name → text), as {@link readManifests} reads them from disk:
 * files sorted, documents in file order. Nothing is read or written.
 */
export function parseManifests(texts: ReadonlyMap<string, string>): ManifestSet {
  const files = [...texts.keys()].sort();
  const documents: ManifestDocument[] = [];
  for (const file of files) for (const document of parseManifest(texts.get(file)!, file)) documents.push(document);
  return { files, documents };
}
