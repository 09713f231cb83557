import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/** The spec of a prometheus-operator ServiceMonitor, typed from the operator's own CRD schema. */
export type ServiceMonitorSpec = IServiceMonitor['spec'];

/** Props of {@link ServiceMonitor}. */
export interface ServiceMonitorProps {
  /** Object metadata; set `name` explicitly for stable output. */
  readonly metadata: ApiObjectMetadata;
  /** Which Services to scrape, on which ports and paths. */
  readonly spec: ServiceMonitorSpec;
}

/** A monitoring.coreos.com/v1 ServiceMonitor: Prometheus scrapes the endpoints of the selected Services. */
export class ServiceMonitor extends ApiObject {
  /** The CRD's group, version and kind. */
  static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' };

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id, { ...ServiceMonitor.GVK, metadata: props.metadata, spec: props.spec });
  }
}
