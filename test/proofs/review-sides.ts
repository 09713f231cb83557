import { dump, load } from 'js-yaml';
import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { diffSnapshots, snapshotFromFiles, type ReviewDiff } from '../../lib/review';
import type { ReviewSides } from '../../lib/review/reachability';
import { renderEnvironments } from '../../lib/synth';

/** dist/ as `npm run synth` renders it (path under dist/ → YAML), fresh for each call. */
export function renderedDist(): Map<string, string> {
  return new Map(renderEnvironments(join(__dirname, '../../environments')).tree);
}

/** `files` with the object in `file` replaced by what `edit` makes of it. */
export function editObject(files: ReadonlyMap<string, string>, file: string, edit: (object: any) => void): Map<string, string> {
  const text = files.get(file);
  if (text === undefined) throw new Error(`no file ${file} in the rendered dist/`);
  const object = load(text);
  edit(object);
  return new Map(files).set(file, dump(object, { lineWidth: -1 }));
}

/** The review of `before` → `after`, with both sides, as `npm run diff` computes them. */
export function reviewOf(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): { diff: ReviewDiff; sides: ReviewSides } {
  const sides = { before: snapshotFromFiles('base', before), after: snapshotFromFiles('working tree', after) };
  return { diff: diffSnapshots(sides.before, sides.after), sides };
}

/** The committed configuration of `environment`. */
export const configOf = (environment: string): EnvironmentConfig | undefined => loadEnvironment(join(__dirname, '../../environments', `${environment}.yaml`));
