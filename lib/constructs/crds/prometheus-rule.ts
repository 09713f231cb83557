import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/** The spec of a prometheus-operator PrometheusRule, typed from the operator's own CRD schema. */
export type PrometheusRuleSpec = IPrometheusRule['spec'];

/** One group of recording or alerting rules, evaluated together at one interval. */
export type PrometheusRuleGroup = NonNullable<PrometheusRuleSpec['groups']>[number];

/** Props of {@link PrometheusRule}. */
export interface PrometheusRuleProps {
  /** Object metadata; set `name` explicitly for stable output. */
  readonly metadata: ApiObjectMetadata;
  /** The rule groups. */
  readonly spec: PrometheusRuleSpec;
}

/** A monitoring.coreos.com/v1 PrometheusRule: alerting and recording rules the operator loads into Prometheus. */
export class PrometheusRule extends ApiObject {
  /** The CRD's group, version and kind. */
  static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' };

  constructor(scope: Construct, id: string, props: PrometheusRuleProps) {
    super(scope, id, { ...PrometheusRule.GVK, metadata: props.metadata, spec: props.spec });
  }
}
