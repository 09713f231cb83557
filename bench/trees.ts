import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `root` as relative path → text, sorted by path. */
export function readFolder(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Paths whose presence or content differs between two folders (sorted); empty when identical. */
export function folderDifferences(expectedRoot: string, actualRoot: string): string[] {
  const expected = readFolder(expectedRoot);
  const actual = readFolder(actualRoot);
  const differences: string[] = [];
  for (const [path, text] of expected) {
    if (!actual.has(path)) differences.push(`${path}: missing`);
    else if (actual.get(path) !== text) differences.push(`${path}: differs`);
  }
  for (const path of actual.keys()) if (!expected.has(path)) differences.push(`${path}: unexpected`);
  return differences.sort();
}
