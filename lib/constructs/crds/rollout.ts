import type { IRollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout';
import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/**
 * The spec of an Argo Rollouts Rollout, typed from the controller's own CRD schema, except for the
 * pod template: that is the JSON of a cdk8s `k8s.PodTemplateSpec` (see `podTemplateJson`), the one
 * a Deployment of the same service would carry.
 */
export type RolloutSpec = Omit<IRollout['spec'], 'template'> & { template: Record<string, unknown> };

/** Props of {@link Rollout}. */
export interface RolloutProps {
  /** Object metadata; set `name` explicitly for stable output. */
  readonly metadata: ApiObjectMetadata;
  /** Selector, pod template and the update strategy. */
  readonly spec: RolloutSpec;
}

/** An argoproj.io/v1alpha1 Rollout: a Deployment whose updates follow canary or blue/green steps. */
export class Rollout extends ApiObject {
  /** The CRD's group, version and kind. */
  static readonly GVK: GroupVersionKind = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' };

  constructor(scope: Construct, id: string, props: RolloutProps) {
    super(scope, id, { ...Rollout.GVK, metadata: props.metadata, spec: props.spec });
  }
}
