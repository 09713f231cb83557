import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/** The spec of an External Secrets Operator ExternalSecret, typed from the operator's own CRD schema. */
export type ExternalSecretSpec = NonNullable<IExternalSecret['spec']>;

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
