import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';

/** Props of {@link DisruptionBudget}. */
export interface DisruptionBudgetProps {
  /** Name of the budget (that of the Deployment it protects). */
  readonly name: string;
  /** Labels of the budget. */
  readonly labels: Record<string, string>;
  /** Labels selecting exactly the protected Deployment's pods (with the color, for blue/green). */
  readonly podSelector: Record<string, string>;
}

/**
 * A policy/v1 PodDisruptionBudget allowing one voluntary eviction at a time. `maxUnavailable: 1`
 * rather than `minAvailable: min - 1`: it stays one pod however far the HPA has scaled out (a fixed
 * minAvailable would allow many evictions at once at high scale) and never blocks a drain outright.
 */
export class DisruptionBudget extends Construct {
  constructor(scope: Construct, id: string, props: DisruptionBudgetProps) {
    super(scope, id);
    new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata: { name: props.name, labels: props.labels },
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: props.podSelector },
        // Pods that never became ready (crash-looping) may be evicted, so they cannot block node drains.
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });
  }
}
