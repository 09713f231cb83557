import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/** The spec of a prometheus-operator PodMonitor, typed from the operator's own CRD schema. */
export type PodMonitorSpec = IPodMonitor['spec'];

/** Props of {@link PodMonitor}. */
export interface PodMonitorProps {
  /** Object metadata; set `name` explicitly for stable output. */
  readonly metadata: ApiObjectMetadata;
  /** Which pods to scrape, on which ports and paths. */
  readonly spec: PodMonitorSpec;
}

/** A monitoring.coreos.com/v1 PodMonitor: Prometheus scrapes the selected pods directly, without a Service. */
export class PodMonitor extends ApiObject {
  /** The CRD's group, version and kind. */
  static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor' };

  constructor(scope: Construct, id: string, props: PodMonitorProps) {
    super(scope, id, { ...PodMonitor.GVK, metadata: props.metadata, spec: props.spec });
  }
}
