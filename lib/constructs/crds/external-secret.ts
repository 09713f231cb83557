import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/**
 * The part of an External Secrets Operator ExternalSecret's spec (external-secrets.io/v1) the
 * platform writes. No models package for v1 runs on Node 20, so the type is written here; the
 * validator checks the objects against lib/validate/crds/external-secrets.io_externalsecrets.yaml.
 */
export interface ExternalSecretSpec {
  /** How often the operator re-reads the store (a Go duration). */
  readonly refreshInterval?: string;
  readonly secretStoreRef: { readonly kind: 'ClusterSecretStore' | 'SecretStore'; readonly name: string };
  readonly target: { readonly name: string; readonly creationPolicy?: 'Owner' | 'Orphan' | 'Merge' | 'None'; readonly deletionPolicy?: 'Delete' | 'Merge' | 'Retain' };
  /** Keys of the Secret, each read from one property of a remote key. */
  readonly data?: ReadonlyArray<{ readonly secretKey: string; readonly remoteRef: { readonly key: string; readonly property?: string } }>;
  /** Remote keys whose every property becomes a key of the Secret. */
  readonly dataFrom?: ReadonlyArray<{ readonly extract: { readonly key: string } }>;
}

/** Props of {@link ExternalSecret}. */
export interface ExternalSecretProps {
  /** Object metadata; set `name` explicitly for stable output. */
  readonly metadata: ApiObjectMetadata;
  /** Which store, which remote keys, and the Secret to write. */
  readonly spec: ExternalSecretSpec;
}

/** An external-secrets.io/v1 ExternalSecret: the operator writes a Secret from a vault's values. */
export class ExternalSecret extends ApiObject {
  /** The CRD's group, version and kind. */
  static readonly GVK: GroupVersionKind = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret' };

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id, { ...ExternalSecret.GVK, metadata: props.metadata, spec: props.spec });
  }
}
