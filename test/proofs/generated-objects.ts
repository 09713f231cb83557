import { load } from 'js-yaml';
import { join } from 'node:path';
import { renderEnvironments, type RenderedEnvironments } from '../../lib/synth';

/**
 * The objects `npm run synth` writes to `dist/<environment>/`, rendered in memory from
 * environments/ and the constructs, so that a proof covers the current sources even before dist/ is
 * re-synthesized (a separate test fails when the committed dist/ is stale).
 */
let rendered: RenderedEnvironments | undefined;
const rendering = (): RenderedEnvironments => (rendered ??= renderEnvironments(join(__dirname, '../../environments')));

/** A generated Kubernetes object, loosely typed for the proofs. */
export interface GeneratedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [field: string]: any;
}

/** The environments, sorted (Argo CD's folder is not one). */
export function generatedEnvironments(): string[] {
  return [...rendering().environments];
}

/** Every object of `dist/<environment>/`, in file name order. */
export function generatedObjects(environment: string): GeneratedObject[] {
  const { tree } = rendering();
  return [...tree.keys()]
    .filter((file) => file.startsWith(`${environment}/`))
    .sort()
    .map((file) => load(tree.get(file)!) as GeneratedObject);
}

/** The objects of `kind` of `dist/<environment>/`. */
export function generatedObjectsOfKind(environment: string, kind: string): GeneratedObject[] {
  return generatedObjects(environment).filter((object) => object.kind === kind);
}
