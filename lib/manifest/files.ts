import * as fs from 'fs';
import * as path from 'path';
import { ManifestDocument, parseManifest } from './parse';

/** File name endings read when walking a folder (named files are read whatever their ending). */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];

/** A path given to the reader that does not exist or cannot be read. */
export class ManifestInputError extends Error {
  constructor(readonly inputPath: string, reason: string) {
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

/**
 * Lists the manifest files under the given files and folders: folders are walked recursively for
 * `.yaml`, `.yml` and `.json` files; files are taken as named. Sorted, without duplicates.
 * @throws ManifestInputError when a path does not exist.
 */
export function findManifestFiles(inputs: readonly string[]): string[] {
  const found = new Set<string>();
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new ManifestInputError(input, 'no such file or folder; pass existing files or folders of manifests');
    }
    if (stat.isDirectory()) walk(input, found);
    else found.add(input);
  }
  return [...found].sort();
}

function walk(folder: string, found: Set<string>): void {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(entryPath, found);
    else if (entry.isFile() && MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) found.add(entryPath);
  }
}

/**
 * Reads and parses every manifest under the given files and folders (see {@link findManifestFiles}).
 * Documents that cannot be parsed are returned with their `error` set rather than thrown.
 * @throws ManifestInputError when a path does not exist or a file cannot be read.
 */
export function readManifests(inputs: readonly string[]): ManifestSet {
  const files = findManifestFiles(inputs);
  const documents: ManifestDocument[] = [];
  // File by file, so that a text is dropped once parsed.
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new ManifestInputError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    for (const document of parseManifest(text, file)) documents.push(document);
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
