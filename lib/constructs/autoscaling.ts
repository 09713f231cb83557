import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { ServiceConfig } from '../config';

/** The workload an autoscaler scales: a Deployment, or an Argo Rollouts Rollout (which has the scale subresource). */
export interface ScaleTarget {
  readonly apiVersion: 'apps/v1' | 'argoproj.io/v1alpha1';
  readonly kind: 'Deployment' | 'Rollout';
  readonly name: string;
}

/** Props of {@link Autoscaler}. */
export interface AutoscalerProps {
  /** The workload to scale; the HPA takes its name. */
  readonly target: ScaleTarget;
  /** Labels of the HPA (those of its workload). */
  readonly labels: Record<string, string>;
  /** The service, for its replica bounds and utilisation targets. */
  readonly service: ServiceConfig;
}

/**
 * An autoscaling/v2 HorizontalPodAutoscaler of one Deployment or Rollout, on CPU and memory utilisation
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
      metadata: { name: props.target.name, labels: props.labels },
      spec: {
        scaleTargetRef: { apiVersion: props.target.apiVersion, kind: props.target.kind, name: props.target.name },
        minReplicas: replicas.min,
        maxReplicas: replicas.max,
        metrics: [utilisation('cpu', autoscaling.cpuPercent), utilisation('memory', autoscaling.memoryPercent)],
        behavior: { scaleDown: { stabilizationWindowSeconds: autoscaling.scaleDownStabilizationSeconds } },
      },
    });
  }
}
