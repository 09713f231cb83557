import { type App, Chart } from 'cdk8s';
import { objectFileName, type ObjectIdentity } from './layout';
import { objectYaml } from './yaml-text';

/** The synthesized tree: relative path (`production/deployment.apps_api.yaml`) → YAML text. */
export type RenderedTree = Map<string, string>;

/** Raised when constructs report validation errors (`node.addValidation`); lists every error with its construct path. */
export class ConstructValidationError extends Error {
  constructor(readonly errors: string[]) {
    super(`construct validation failed:\n  ${errors.join('\n  ')}`);
    this.name = 'ConstructValidationError';
  }
}

/**
 * Renders every chart of `app` into one folder per chart (named after the chart) and one file per
 * object. Runs the constructs' validations first, as `cdk8s synth` does. Two objects that would land
 * in the same file are an error rather than a silent overwrite.
 */
export function renderApp(app: App): RenderedTree {
  const errors = app.node
    .findAll()
    .flatMap((construct) => construct.node.validate().map((error) => `[${construct.node.path}] ${error}`));
  if (errors.length > 0) throw new ConstructValidationError(errors);

  const tree: RenderedTree = new Map();
  for (const chart of app.charts) {
    const folder = Chart.of(chart).node.id;
    for (const object of chart.toJson() as ObjectIdentity[]) {
      const path = `${folder}/${objectFileName(object, chart.namespace)}`;
      if (tree.has(path)) {
        throw new Error(`${path}: two objects render to the same file (${object.kind} ${object.metadata.name}); give them distinct names`);
      }
      tree.set(path, objectYaml(object));
    }
  }
  return new Map([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
