import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/** The spec of an Argo CD Application, typed from Argo CD's own CRD schema. */
export type ArgoApplicationSpec = IApplication['spec'];

/** Props of {@link ArgoApplication}. */
export interface ArgoApplicationProps {
  /** Object metadata; set `name` and `namespace` (Argo CD's own namespace) explicitly. */
  readonly metadata: ApiObjectMetadata;
  /** Where the manifests come from, where they go, and how they are synced. */
  readonly spec: ArgoApplicationSpec;
}

/** An argoproj.io/v1alpha1 Application: Argo CD keeps a cluster namespace in sync with a folder of a git repository. */
export class ArgoApplication extends ApiObject {
  /** The CRD's group, version and kind. */
  static readonly GVK: GroupVersionKind = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' };

  constructor(scope: Construct, id: string, props: ArgoApplicationProps) {
    super(scope, id, { ...ArgoApplication.GVK, metadata: props.metadata, spec: props.spec });
  }
}
