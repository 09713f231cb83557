import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RegoSourceFile } from './constructs/gatekeeper-rego';

/** The repository's policy folder; the launcher keeps `__dirname` pointing at the sources. */
export const policiesDir = join(__dirname, '..', 'policies');

/**
 * Reads every Rego module of the policy folder except the `_test.rego` files, sorted by path. These
 * are the sources the CI gate runs; the app hands them to the Gatekeeper constructs, which wrap the
 * per-object ones for the cluster (constructs read no files and import no policy engine).
 */
export function loadPolicySources(dir: string = policiesDir): RegoSourceFile[] {
  const root = join(dir, '..');
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const entryPath = join(folder, entry.name);
      if (entry.isDirectory()) walk(entryPath);
      else if (entry.name.endsWith('.rego') && !entry.name.endsWith('_test.rego')) files.push(entryPath);
    }
  };
  walk(dir);
  return files
    .map((file) => ({ path: relative(root, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
