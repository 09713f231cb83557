import type { IAnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/** The spec of an Argo Rollouts AnalysisTemplate, typed from the controller's own CRD schema. */
export type AnalysisTemplateSpec = IAnalysisTemplate['spec'];

/** Props of {@link AnalysisTemplate}. */
export interface AnalysisTemplateProps {
  /** Object metadata; set `name` explicitly for stable output. */
  readonly metadata: ApiObjectMetadata;
  /** Arguments and metrics with their success conditions. */
  readonly spec: AnalysisTemplateSpec;
}

/** An argoproj.io/v1alpha1 AnalysisTemplate: the measurements a Rollout's analysis runs take. */
export class AnalysisTemplate extends ApiObject {
  /** The CRD's group, version and kind. */
  static readonly GVK: GroupVersionKind = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate' };

  constructor(scope: Construct, id: string, props: AnalysisTemplateProps) {
    super(scope, id, { ...AnalysisTemplate.GVK, metadata: props.metadata, spec: props.spec });
  }
}
