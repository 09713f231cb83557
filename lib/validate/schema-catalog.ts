import { join } from 'path';
import { readManifests } from '../manifest';
import { CrdSchemas, readCrdFiles } from './crd-schemas';
import { GatekeeperSchemas } from './gatekeeper-schemas';
import { schemaSetFor } from './kubernetes-version';
import type { ValidateOptions } from './options';
import { PackageSchemas, type KindSchema } from './package-schemas';
import { schemaDeltaFor } from './schema-deltas';
import { LocationSchemas, parseSchemaLocation } from './schema-location';

export type { KindSchema } from './package-schemas';

/** Packages of custom resource models, searched after the Kubernetes schema set in the built-in location. */
export const CUSTOM_RESOURCE_PACKAGES: readonly string[] = [
  '@kubernetes-models/argo-cd',
  '@kubernetes-models/argo-rollouts',
  '@kubernetes-models/cert-manager',
  '@kubernetes-models/prometheus-operator',
];

/**
 * The built-in CRD manifests: every .yaml, .yml or .json file in this folder is read like a `--crd`
 * file when a kind is not found in the packages. Add a CRD by dropping its manifest here.
 */
export const BUILTIN_CRD_FOLDER = join(__dirname, 'crds');

/** Where one lookup can find schemas. */
interface SchemaSource {
  schemaFor(apiVersion: string, kind: string): KindSchema | undefined;
}

/** What the catalog needs from the validator's options. */
export type CatalogOptions = Pick<ValidateOptions, 'crdPaths' | 'kubernetesVersion' | 'schemaLocations' | 'strict'>;

/**
 * Finds the schema of each apiVersion/kind, once, as kubeconform does: CRDs given with `--crd`
 * first, then each schema location in order. The built-in location (`default`, used when no
 * location is given) is the selected Kubernetes release's schema set, the custom resource
 * packages, Gatekeeper's kinds and the built-in CRDs. Sources are opened on first use, so a run that meets only
 * Kubernetes kinds never reads a CRD.
 */
export class SchemaCatalog {
  private readonly loaded = new Map<string, KindSchema | undefined>();
  private readonly sources: (() => SchemaSource)[];

  /**
   * @param builtinCrdFolder the built-in CRDs, {@link BUILTIN_CRD_FOLDER} unless a test gives its own
   * @throws SchemaSourceError for an unusable schema location, Error for a Kubernetes version without schemas.
   */
  constructor(options: CatalogOptions, builtinCrdFolder = BUILTIN_CRD_FOLDER) {
    const schemaSet = schemaSetFor(options.kubernetesVersion);
    const locations = (options.schemaLocations.length > 0 ? options.schemaLocations : ['default']).map(parseSchemaLocation);
    const sources: (() => SchemaSource)[] = [];
    if (options.crdPaths.length > 0) sources.push(once(() => readCrdFiles(options.crdPaths)));
    for (const location of locations) {
      if (location.type === 'default') {
        sources.push(
          once(() => new PackageSchemas([schemaSet.packageName], schemaSet.borrowsFrom === undefined ? undefined : schemaDeltaFor(schemaSet.version))),
          shared.customResources,
          shared.gatekeeper,
          () => shared.builtinCrds(builtinCrdFolder),
        );
      } else {
        sources.push(once(() => new LocationSchemas(location.template, options.kubernetesVersion, options.strict)));
      }
    }
    this.sources = sources;
  }

  /** The schema for an apiVersion/kind, or undefined when no source has one. */
  async schemaFor(apiVersion: string, kind: string): Promise<KindSchema | undefined> {
    const key = `${apiVersion}/${kind}`;
    if (!this.loaded.has(key)) this.loaded.set(key, this.find(apiVersion, kind));
    return this.loaded.get(key);
  }

  private find(apiVersion: string, kind: string): KindSchema | undefined {
    for (const source of this.sources) {
      const schema = source().schemaFor(apiVersion, kind);
      if (schema !== undefined) return schema;
    }
    return undefined;
  }
}

/**
 * The sources that do not depend on the Kubernetes version, shared by every catalog of the process:
 * `npm run check` makes one catalog per environment, and each would otherwise compile the same CRD
 * schemas again.
 */
const shared = {
  customResources: once(() => new PackageSchemas(CUSTOM_RESOURCE_PACKAGES)),
  gatekeeper: once(() => new GatekeeperSchemas()),
  crdFolders: new Map<string, CrdSchemas>(),
  builtinCrds(folder: string): CrdSchemas {
    let schemas = this.crdFolders.get(folder);
    if (schemas === undefined) this.crdFolders.set(folder, (schemas = new CrdSchemas(readManifests([folder]).documents)));
    return schemas;
  },
};

function once<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}
