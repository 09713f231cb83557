import { load } from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Root of the committed, synthesized manifests. */
export const distFolder = join(__dirname, '../../dist');

/** The environments synthesized into dist/ (every folder but Argo CD's), sorted. */
export function distEnvironments(): string[] {
  return readdirSync(distFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'argocd')
    .map((entry) => entry.name)
    .sort();
}

/** A Kubernetes object read from dist/, loosely typed for the proofs. */
export interface DistObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [field: string]: any;
}

/** Every object in `dist/<environment>/`, in file name order. */
export function distObjects(environment: string): DistObject[] {
  const folder = join(distFolder, environment);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => load(readFileSync(join(folder, file), 'utf8')) as DistObject);
}

/** The objects of `kind` in `dist/<environment>/`. */
export function distObjectsOfKind(environment: string, kind: string): DistObject[] {
  return distObjects(environment).filter((object) => object.kind === kind);
}
