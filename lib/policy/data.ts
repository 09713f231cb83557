/**
 * The `data` document of a run: JSON/YAML files given with `-d` (mounted as OPA's loader does: a
 * file in sub-folder `a/b` of a data folder lands under `data.a.b`), plus `data.environment`.
 * As conftest's loader filter does, every other file is skipped, whether found in a folder or
 * named directly (so `-d policy/` or `-d x.rego` is no error).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'yaml';

const DATA_EXTENSIONS = ['.json', '.yaml', '.yml'];

/** A data file that cannot be read, parsed or merged. */
export class DataLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataLoadError';
  }
}

/** Reads and merges the data files under the given files and folders. */
export function loadData(paths: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const given of paths) {
    if (!fs.existsSync(given)) throw new DataLoadError(`${given}: no such file or folder; pass data files or folders with -d`);
    const root = fs.statSync(given).isDirectory() ? given : path.dirname(given);
    for (const file of dataFiles(given)) {
      const prefix = path.relative(root, path.dirname(file)).split(path.sep).filter((part) => part !== '');
      mergeInto(data, nest(prefix, parseDataFile(file)), file, []);
    }
  }
  return data;
}

/** Whether conftest loads a file as data: by its extension alone. */
export function isDataFile(file: string): boolean {
  return DATA_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

function dataFiles(given: string): string[] {
  if (!fs.statSync(given).isDirectory()) return isDataFile(given) ? [given] : [];
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const entryPath = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(entryPath);
      else if (isDataFile(entry.name)) files.push(entryPath);
    }
  };
  walk(given);
  return files.sort();
}

function parseDataFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  const document = yaml.parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const position = error.linePos?.[0];
    const where = position ? `${file}:${position.line}:${position.col}` : file;
    throw new DataLoadError(`${where}: ${error.message.split('\n')[0]}; fix the data file`);
  }
  const value: unknown = document.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataLoadError(`${file}: data files must hold an object at the top level`);
  }
  return value;
}

function nest(prefix: readonly string[], value: unknown): Record<string, unknown> {
  return prefix.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value as Record<string, unknown>);
}

/** Deep-merges objects; two files giving different values at one path is an error naming the path. */
export function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>, file: string, at: string[]): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (existing === undefined) {
      target[key] = value;
    } else if (isObject(existing) && isObject(value)) {
      mergeInto(existing, value, file, [...at, key]);
    } else if (JSON.stringify(existing) !== JSON.stringify(value)) {
      throw new DataLoadError(`${file}: data.${[...at, key].join('.')} is already set by another data file; keep one of them`);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
