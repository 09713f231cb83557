/** Loading of OPA-format YAML test cases (`cases:` lists) from a folder tree. */
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';

/** One case as written in the YAML files (OPA's fields plus rego-cpp's want_output/want_defined). */
export interface ConformanceCase {
  note: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  query: string;
  want_result?: Array<Record<string, unknown>>;
  want_error?: string;
  want_error_code?: string;
  strict_error?: boolean;
  sort_bindings?: boolean;
  skip?: boolean | string;
  want_output?: string;
  want_defined?: boolean;
}

/** A case with where it came from. */
export interface LoadedCase {
  readonly file: string;
  /** Folder relative to the root, e.g. "opa/v1/every". */
  readonly folder: string;
  /** Modules are Rego v0 (files under a `v0/` folder). */
  readonly v0: boolean;
  readonly spec: ConformanceCase;
  /** Set when the case is malformed: it fails with this reason, without running. */
  readonly problem?: string;
}

/** All YAML case files below root, sorted by path. */
export function findCaseFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** A case file that cannot be read or parsed, or whose `cases` is not a list. */
export class CaseFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'CaseFileError';
  }
}

/**
 * Parses one file's cases; a file without `cases:` gives none. A case that is not an object with a
 * string `note` and `query` is loaded with its `problem`, so that it fails alone.
 * @throws CaseFileError when the file cannot be read or is not YAML, or `cases` is not a list.
 */
export function loadCases(root: string, file: string): LoadedCase[] {
  const rel = path.relative(root, file);
  let doc: unknown;
  try {
    doc = load(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    throw new CaseFileError(rel, error.code ? `cannot read: ${error.code}` : `not YAML: ${error.message.split('\n')[0]}`);
  }
  const cases = doc !== null && typeof doc === 'object' ? (doc as { cases?: unknown }).cases : undefined;
  if (cases === undefined || cases === null) return [];
  if (!Array.isArray(cases)) throw new CaseFileError(rel, `"cases" must be a list of cases, found ${typeof cases}`);
  const folder = path.dirname(rel) === '.' ? path.basename(rel, path.extname(rel)) : path.dirname(rel);
  const v0 = rel.split(path.sep).includes('v0');
  return cases.map((entry: unknown, index) => {
    const problem = caseProblem(entry);
    if (!problem) return { file: rel, folder, v0, spec: entry as ConformanceCase };
    const note = (entry as { note?: unknown } | null)?.note;
    return { file: rel, folder, v0, spec: { note: typeof note === 'string' ? note : `cases[${index}]`, query: '' }, problem };
  });
}

/** Why an entry of `cases` cannot be run, if it cannot. */
function caseProblem(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return 'a case must be a mapping';
  const { note, query, modules } = entry as Record<string, unknown>;
  if (typeof note !== 'string') return '"note" must be a string';
  if (typeof query !== 'string') return '"query" must be a string';
  if (modules !== undefined && (!Array.isArray(modules) || modules.some((m) => typeof m !== 'string'))) return '"modules" must be a list of strings';
  return undefined;
}
