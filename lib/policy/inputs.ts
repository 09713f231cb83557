/**
 * Inputs as conftest parses them: every document of every YAML/JSON file is one input, grouped by
 * file; `--combine` turns them into one array of `{path, contents}`.
 */
import * as fs from 'node:fs';
import { findManifestFiles, parseManifest, type ManifestDocument } from '../manifest';

/** A file's documents, in order. */
export interface InputFile {
  readonly path: string;
  readonly documents: readonly unknown[];
}

/** One entry of conftest's combined input. */
export interface CombinedItem {
  readonly path: string;
  readonly contents: unknown;
}

/** An input that cannot be read or parsed; the message is located (file:line:col). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Reads the files under the given paths (`-` is standard input) into inputs; empty documents are dropped. */
export function readInputs(paths: readonly string[]): InputFile[] {
  const files: string[] = [];
  const onDisk = paths.filter((given) => given !== '-');
  try {
    files.push(...findManifestFiles(onDisk));
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
  if (paths.includes('-')) files.unshift('-');
  if (files.length === 0) throw new InputError('no files found; pass YAML or JSON files or folders');
  return files.map((file) => parseInput(file, fs.readFileSync(file === '-' ? 0 : file, 'utf8')));
}

/** Parses one file's text into its documents. */
export function parseInput(file: string, text: string): InputFile {
  return inputFile(file, parseManifest(text, file));
}

/** A file's parsed documents as an input; empty documents are dropped, one that failed to parse is an error. */
export function inputFile(file: string, parsed: readonly ManifestDocument[]): InputFile {
  const documents: unknown[] = [];
  for (const document of parsed) {
    if (document.error) {
      throw new InputError(`${file}:${document.error.line}:${document.error.column}: ${document.error.message}`);
    }
    if (!document.empty) documents.push(document.object);
  }
  return { path: file, documents };
}

/** conftest's combined input: every document with its file, sorted by file (stable within a file). */
export function combineInputs(files: readonly InputFile[]): CombinedItem[] {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .flatMap((file) => file.documents.map((contents) => ({ path: file.path, contents })));
}
