import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { ServiceConfig } from '../config';

/** Props of {@link Autoscaler}. */
export interface AutoscalerProps {
  /** The Deployment to scale; the HPA takes its name. */
  readonly deploymentName: string;
  /** Labels of the HPA (those of its Deployment). */
  readonly labels: Record<string, string>;
  /** The service, for its replica bounds and utilisation targets. */
  readonly service: ServiceConfig;
}

/**
 * An autoscaling/v2 HorizontalPodAutoscaler of one Deployment, on CPU and memory utilisation
 * (relative to the requests), with the configured scale-down stabilisation window.
 */
export class Autoscaler extends Construct {
  constructor(scope: Construct, id: string, props: AutoscalerProps) {
    super(scope, id);
    const { replicas, autoscaling } = props.service;
    const utilisation = (name: string, averageUtilization: number): k8s.MetricSpecV2 => ({
      type: 'Resource',
      resource: { name, target: { type: 'Utilization', averageUtilization } },
    });
    new k8s.KubeHorizontalPodAutoscalerV2(this, 'hpa', {
      metadata: { name: props.deploymentName, labels: props.labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.deploymentName },
        minReplicas: replicas.min,
        maxReplicas: replicas.max,
        metrics: [utilisation('cpu', autoscaling.cpuPercent), utilisation('memory', autoscaling.memoryPercent)],
        behavior: { scaleDown: { stabilizationWindowSeconds: autoscaling.scaleDownStabilizationSeconds } },
      },
    });
  }
}
