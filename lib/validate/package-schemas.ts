import * as fs from 'fs';
import * as path from 'path';
import { FieldNode, type GeneratedValidator } from './field-tree';
import { registeredValidator } from './registered-schemas';
import { addedKindSchema, fieldTreeUnder, validatorUnder, type SchemaDelta } from './schema-deltas';

/** The schema of one apiVersion/kind: its validator and its allowed-fields tree. */
export interface KindSchema {
  readonly apiVersion: string;
  readonly kind: string;
  readonly validate: GeneratedValidator;
  /** Learned as resources are validated (see field-tree.ts), or built from the schema up front. */
  readonly fields: FieldNode;
}

/**
 * Schemas from npm packages of the kubernetes-models family. Each lays its models out as
 * `<group>/<version>/<Kind>.js` (`v1/<Kind>.js` for the core group), and each model module requires
 * its ajv-generated validator from `_schemas/`. Only the validators of kinds actually met are
 * loaded (a Deployment pulls in ~100 small modules), which keeps start-up small.
 */
export class PackageSchemas {
  private roots: string[] | undefined;

  /**
   * @param packageNames searched in order
   * @param delta narrows and extends the packages' kinds and fields to another Kubernetes release
   */
  constructor(
    private readonly packageNames: readonly string[],
    private readonly delta?: SchemaDelta,
  ) {}

  /** The schema of the model declaring exactly this apiVersion and kind, if a package has one. */
  schemaFor(apiVersion: string, kind: string): KindSchema | undefined {
    // Kinds are identifiers; anything else must not reach the file system.
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind) || !/^([a-z0-9.-]+\/)?v[a-z0-9]+$/.test(apiVersion)) return undefined;
    const { delta } = this;
    if (delta?.absentKinds.includes(`${apiVersion}/${kind}`)) return undefined;
    for (const root of this.packageRoots()) {
      const validate = findValidator(root, apiVersion, kind);
      if (validate === undefined) continue;
      if (delta === undefined) return { apiVersion, kind, validate, fields: new FieldNode() };
      return { apiVersion, kind, validate: validatorUnder(delta, apiVersion, kind, validate), fields: fieldTreeUnder(delta, apiVersion, kind) };
    }
    const added = delta && addedKindSchema(delta, apiVersion, kind);
    return added && { apiVersion, kind, ...added };
  }

  private packageRoots(): string[] {
    this.roots ??= this.packageNames.map((name) => path.dirname(require.resolve(`${name}/package.json`)));
    return this.roots;
  }
}

/**
 * The validator of the model declaring exactly this apiVersion and kind. Current packages have the
 * model require an ajv-generated validator from `_schemas/`; older ones (the Node 20 releases of
 * some custom resource packages) register the model's JSON schema with their own
 * `@kubernetes-models/validate` when loaded, to be compiled at run time (registered-schemas.ts
 * compiles it once and caches the code). Both read the
 * declared properties as they validate, so the field tree is learned the same way.
 */
function findValidator(root: string, apiVersion: string, kind: string): GeneratedValidator | undefined {
  // `apps/v1` lives in apps/v1/, the core group's `v1` in v1/.
  const modelFile = path.join(root, apiVersion, `${kind}.js`);
  let source: string;
  try {
    source = fs.readFileSync(modelFile, 'utf8');
  } catch {
    return undefined;
  }
  const generated = /require\("((?:\.\.\/)+_schemas\/[A-Za-z0-9]+\.js)"\)/.exec(source);
  // Sub-schemas (DeploymentSpec) have model files too; only top-level kinds declare both.
  if (generated) {
    if (!source.includes(`.apiVersion=${JSON.stringify(apiVersion)}`) || !source.includes(`.kind=${JSON.stringify(kind)}`)) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is found at run time
    return (require(path.resolve(path.dirname(modelFile), generated[1])) as { validate: GeneratedValidator }).validate;
  }
  const registered = /const schemaId = "([^"]+)";/.exec(source);
  if (!registered || !source.includes(`apiVersion = ${JSON.stringify(apiVersion)}`) || !source.includes(`kind = ${JSON.stringify(kind)}`)) return undefined;
  return registeredValidator(modelFile, kind, registered[1]);
}
