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

/** Parses one file's cases; a file without `cases:` gives none. */
export function loadCases(root: string, file: string): LoadedCase[] {
  const doc = load(fs.readFileSync(file, 'utf8')) as { cases?: ConformanceCase[] } | undefined;
  const rel = path.relative(root, file);
  const folder = path.dirname(rel) === '.' ? path.basename(rel, path.extname(rel)) : path.dirname(rel);
  const v0 = rel.split(path.sep).includes('v0');
  return (doc?.cases ?? []).map((spec) => ({ file: rel, folder, v0, spec }));
}
