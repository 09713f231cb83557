/**
 * Inputs as conftest parses them: every document of every YAML/JSON file is one input, grouped by
 * file; `--combine` turns them into one array of `{path, contents}`.
 */
import * as fs from 'node:fs';
import { findManifestFiles, parseManifest, type ManifestDocument } from '../manifest';
import { parseJson, type ParserName } from './parsers';

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

/** How {@link readInputs} reads. */
export interface ReadOptions {
  /** Read every file with this parser (`--parser`) instead of as YAML. */
  readonly parser?: ParserName;
  /** Skip the files found in a folder whose path matches (`--ignore`); files named directly are read. */
  readonly ignore?: RegExp;
}

/**
 * Reads the files under the given paths (`-` is standard input) into inputs, sorted by path. An
 * empty path is ignored, as conftest ignores it (a shell variable that expanded to nothing).
 */
export function readInputs(paths: readonly string[], options: ReadOptions = {}): InputFile[] {
  const found = new Set<string>();
  for (const given of paths.filter((path) => path !== '-' && path !== '')) {
    let files: string[];
    try {
      files = findManifestFiles([given]);
    } catch (error) {
      throw new InputError(error instanceof Error ? error.message : String(error));
    }
    const walked = fs.statSync(given).isDirectory();
    for (const file of files) if (!(walked && options.ignore?.test(file))) found.add(file);
  }
  const files = [...found].sort();
  if (paths.includes('-')) files.unshift('-');
  if (files.length === 0) throw new InputError('no files found; pass YAML or JSON files or folders');
  return files.map((file) => parseInput(file, fs.readFileSync(file === '-' ? 0 : file, 'utf8'), options.parser));
}

/**
 * Parses one file's text into its documents: as YAML (every document; JSON files too), or with
 * the parser named (`--parser json` reads strict JSON, one document).
 */
export function parseInput(file: string, text: string, parser: ParserName = 'yaml'): InputFile {
  if (parser === 'yaml') return inputFile(file, parseManifest(text, file));
  const parsed = parseJson(text);
  if ('error' in parsed) {
    const { line, column, message } = parsed.error;
    const where = line === undefined ? file : `${file}:${line}:${column}`;
    throw new InputError(`${where}: ${message}; fix the JSON or pick another --parser`);
  }
  return { path: file, documents: [parsed.value] };
}

/**
 * A file's parsed documents as an input; one that failed to parse is an error. Empty documents
 * between others are dropped, but a file with nothing in it is still checked, once, with a `null`
 * input: conftest evaluates an empty file rather than skipping it.
 */
export function inputFile(file: string, parsed: readonly ManifestDocument[]): InputFile {
  const documents: unknown[] = [];
  for (const document of parsed) {
    if (document.error) {
      throw new InputError(`${file}:${document.error.line}:${document.error.column}: ${document.error.message}`);
    }
    if (!document.empty) documents.push(document.object);
  }
  return { path: file, documents: documents.length > 0 ? documents : [null] };
}

/** conftest's combined input: every document with its file, sorted by file (stable within a file). */
export function combineInputs(files: readonly InputFile[]): CombinedItem[] {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .flatMap((file) => file.documents.map((contents) => ({ path: file.path, contents })));
}
