import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { environmentFiles } from '../config';
import { synthesize } from '../synth';
import type { ReviewDiff } from './diff';
import { GitError } from './git';
import { ReleaseError, releaseState, type EnvironmentSource, type ReleaseState } from './release';
import { reviewDist } from './review';

/**
 * One GitOps step of the blue/green or canary flow on disk: edit `environments/<env>.yaml`, re-synthesize
 * dist/, and compare dist/ with HEAD so the author sees what the commit will change. A refused
 * edit writes nothing; a synthesis that fails puts the environment file back as it was.
 */

/** What a step works on. */
export interface ReleaseStepOptions {
  readonly environmentsDir: string;
  readonly distDir: string;
  readonly environment: string;
  readonly service: string;
  /** The text edit: one of releaseImage, promote, rollback with its arguments bound. */
  readonly edit: (text: string, source: EnvironmentSource) => string;
}

/** What a step did. */
export interface ReleaseStepResult {
  /** The environment file, as shown in messages. */
  readonly file: string;
  readonly before: ReleaseState;
  readonly after: ReleaseState;
  /** Number of files synthesized into dist/. */
  readonly files: number;
  /** dist/ against HEAD; undefined when git could not tell (see `reviewProblem`). */
  readonly review?: ReviewDiff;
  readonly reviewProblem?: string;
}

/**
 * Runs one step.
 * @throws ReleaseError when the environment is unknown or the edit is refused or cannot be synthesized
 * (files unchanged); ConfigError when an environment file is invalid before the edit.
 */
export function runReleaseStep(options: ReleaseStepOptions): ReleaseStepResult {
  const path = environmentFile(options.environmentsDir, options.environment);
  const source: EnvironmentSource = { file: shown(path), environment: options.environment };
  const original = readFileSync(path, 'utf8');
  const edited = options.edit(original, source);
  const before = releaseState(original, options.service, source);
  const after = releaseState(edited, options.service, source);

  writeAtomically(path, edited);
  let files: number;
  try {
    files = synthesize(options.environmentsDir, options.distDir).tree.size;
  } catch (error) {
    writeAtomically(path, original);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReleaseError(`synthesis failed after the edit, so ${source.file} was restored and dist/ left as it was:\n${reason}`);
  }
  try {
    return { file: source.file, before, after, files, review: reviewDist({ distDir: options.distDir, base: 'HEAD' }) };
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    return { file: source.file, before, after, files, reviewProblem: error.message };
  }
}

function environmentFile(directory: string, environment: string): string {
  let files: string[];
  try {
    files = environmentFiles(directory);
  } catch {
    throw new ReleaseError(`${directory}: no such folder of environment files; run from the repository root or pass --environments <dir>`);
  }
  const match = files.find((file) => basename(file, extname(file)) === environment);
  if (match !== undefined) return match;
  const known = files.map((file) => basename(file, extname(file))).sort();
  throw new ReleaseError(
    `unknown environment "${environment}": ${shown(directory)}/ has ${known.length > 0 ? known.join(', ') : 'no environment files'}; pass one of them`,
  );
}

/** Writes through a temporary file in the same folder and a rename, so a crash leaves the old or the new file, never half of one. */
function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere === '' || fromHere.startsWith('..') ? path : fromHere;
}
