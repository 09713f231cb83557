import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { FieldNode, type GeneratedValidator } from './field-tree';
import { compileGatekeeperSchema, gatekeeperSchemaFor } from './gatekeeper-schemas';
import { importEsm } from './import-esm';

/**
 * The npm packages schemas come from, searched in order. Each lays its models out as
 * `<group>/<version>/<Kind>.js` (`v1/<Kind>.js` for the core group), and each model module imports
 * its ajv-generated validator from `_schemas/`.
 */
export const SCHEMA_PACKAGES: readonly string[] = [
  'kubernetes-models',
  '@kubernetes-models/argo-cd',
  '@kubernetes-models/argo-rollouts',
  '@kubernetes-models/cert-manager',
  '@kubernetes-models/external-secrets',
  '@kubernetes-models/prometheus-operator',
];

/** The schema of one apiVersion/kind: its generated validator and its allowed-fields tree. */
export interface KindSchema {
  readonly apiVersion: string;
  readonly kind: string;
  readonly validate: GeneratedValidator;
  /** Learned as resources are validated, see field-tree.ts. */
  readonly fields: FieldNode;
}

/**
 * Finds and loads schemas per apiVersion/kind, once. Only the validator modules of kinds actually
 * met are imported (a Deployment pulls in ~100 small modules), which keeps start-up small.
 */
export class SchemaCatalog {
  private readonly loaded = new Map<string, Promise<KindSchema | undefined>>();
  private packageRoots: string[] | undefined;

  /** The schema for an apiVersion/kind, or undefined when no package has one. */
  schemaFor(apiVersion: string, kind: string): Promise<KindSchema | undefined> {
    const key = `${apiVersion}/${kind}`;
    let schema = this.loaded.get(key);
    if (schema === undefined) {
      schema = this.load(apiVersion, kind);
      this.loaded.set(key, schema);
    }
    return schema;
  }

  private async load(apiVersion: string, kind: string): Promise<KindSchema | undefined> {
    const schemaModule = this.findSchemaModule(apiVersion, kind);
    if (schemaModule === undefined) {
      const gatekeeper = gatekeeperSchemaFor(apiVersion, kind);
      return gatekeeper && { apiVersion, kind, validate: compileGatekeeperSchema(gatekeeper), fields: new FieldNode() };
    }
    const { validate } = (await importEsm(pathToFileURL(schemaModule).href)) as { validate: GeneratedValidator };
    return { apiVersion, kind, validate, fields: new FieldNode() };
  }

  /** The `_schemas/*.js` file of the model declaring exactly this apiVersion and kind. */
  private findSchemaModule(apiVersion: string, kind: string): string | undefined {
    // Kinds are identifiers; anything else must not reach the file system.
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind) || !/^([a-z0-9.-]+\/)?v[a-z0-9]+$/.test(apiVersion)) return undefined;
    for (const root of this.roots()) {
      // `apps/v1` lives in apps/v1/, the core group's `v1` in v1/.
      const modelFile = path.join(root, apiVersion, `${kind}.js`);
      let source: string;
      try {
        source = fs.readFileSync(modelFile, 'utf8');
      } catch {
        continue;
      }
      // Sub-schemas (DeploymentSpec) have model files too; only top-level kinds declare both.
      if (!source.includes(`this.apiVersion=${JSON.stringify(apiVersion)}`) || !source.includes(`this.kind=${JSON.stringify(kind)}`)) continue;
      const match = /from"((?:\.\.\/)+_schemas\/[A-Za-z0-9]+\.js)"/.exec(source);
      if (match) return path.resolve(path.dirname(modelFile), match[1]);
    }
    return undefined;
  }

  private roots(): string[] {
    this.packageRoots ??= SCHEMA_PACKAGES.map((name) => path.dirname(require.resolve(`${name}/package.json`)));
    return this.packageRoots;
  }
}
