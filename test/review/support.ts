import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runBlueGreenStep, type BlueGreenStep } from '../../lib/cli/blue-green-step';
import { ReleaseError } from '../../lib/review/release';

/** Test helpers: the fixture dist/ as file texts, edits of its resources, and throw-away git repositories. */

export const FIXTURE_DIST = join(__dirname, '..', 'fixtures', 'review', 'dist');

/** The fixture dist/ as `relative path → text`. */
export function fixtureFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(FIXTURE_DIST, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(FIXTURE_DIST, path), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** A copy of `files` where the resource in `path` was changed by `change` (which edits the parsed object in place). */
export function edited(files: ReadonlyMap<string, string>, path: string, change: (resource: any) => void): Map<string, string> {
  const copy = new Map(files);
  const resource = parse(copy.get(path) as string);
  change(resource);
  // YAML 1.1 quoting ("on", "yes"), as cdk8s writes dist/: the manifests are read as Kubernetes reads them.
  copy.set(path, stringify(resource, { version: '1.1' }));
  return copy;
}

/** A git repository in the system's temporary folder; `remove()` deletes it. */
export class TempRepo {
  readonly root = mkdtempSync(join(tmpdir(), 'review-diff-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.root,
      encoding: 'utf8',
    });
  }

  /** Replaces dist/ with `files`. */
  writeDist(files: ReadonlyMap<string, string>): void {
    rmSync(join(this.root, 'dist'), { recursive: true, force: true });
    for (const [path, text] of files) {
      mkdirSync(dirname(join(this.root, 'dist', path)), { recursive: true });
      writeFileSync(join(this.root, 'dist', path), text);
    }
  }

  copyIn(source: string, target: string): void {
    cpSync(source, join(this.root, target), { recursive: true });
  }

  commitAll(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The lines of `after` that differ from `before` at the same position (release edits never add or remove lines). */
export function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return b.filter((line, i) => line !== a[i]).map((line) => line.trim());
}

/** Runs `action`, expecting a ReleaseError, and returns its message. */
export function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ReleaseError) return error.message;
    throw error;
  }
  throw new Error('expected the step to be refused');
}

/** Runs release, promote or rollback on `repo`'s environments/ and dist/, as the npm scripts do, capturing the output. */
export function releaseStep(repo: TempRepo, name: BlueGreenStep, ...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const argv = [...args, '--environments', join(repo.root, 'environments'), '--dist', join(repo.root, 'dist')];
  const code = runBlueGreenStep(name, argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}
