import { Construct } from 'constructs';
import type { CanaryConfig, EnvironmentConfig } from '../config';
import { canaryHashArgument, CanaryAnalysis } from './analysis-template';
import { Autoscaler } from './autoscaling';
import { ClusterService } from './cluster-service';
import { Rollout, type RolloutSpec } from './crds/rollout';
import { DisruptionBudget } from './disruption-budget';
import { imageTag, recommendedLabels, selectorLabels } from './labels';
import { serviceConfigOf, serviceIdentity } from './service-identity';
import { podTemplate, podTemplateJson } from './workload';

/** Props of {@link CanaryRollout}. */
export interface CanaryRolloutProps {
  /** The environment the service runs in; `environment.canary[serviceName]` must exist. */
  readonly environment: EnvironmentConfig;
  /** The canary service (a key of both `environment.services` and `environment.canary`). */
  readonly serviceName: string;
}

/** Name of the Service that the Rollout points at the canary's pods. */
export function canaryServiceName(serviceName: string): string {
  return `${serviceName}-canary`;
}

/** Name of the Ingress whose traffic a canary service's Rollout splits (it routes to the stable Service). */
export function stableIngressName(serviceName: string): string {
  return serviceName;
}

/**
 * Releases to a recent revision that skip steps and analysis (Argo Rollouts' rollback window):
 * `npm run rollback` puts the previous image back, and it should serve at once.
 */
const rollbackWindowRevisions = 3;

/**
 * A canary service on Argo Rollouts: a Rollout `<service>` with the pod template its Deployment would
 * have, the stable Service `<service>` and the canary Service `<service>-canary` (the controller adds
 * each one's pod-template hash to its selector), traffic split by ingress-nginx through a canary copy
 * of the Ingress `<service>`, and a background analysis from the first step on. The Rollout sends
 * `weight` percent of the requests to the new version, waits `pause`, and so on up the steps, then
 * promotes it; a failed analysis aborts it, which returns every request to the stable version and
 * scales the canary down, with no human step. Autoscaler and disruption budget follow the Rollout.
 *
 * Replicas: as for a Deployment, the HPA owns them, so the Rollout states none.
 */
export class CanaryRollout extends Construct {
  /** Name of the Rollout (and of its HPA and PDB). */
  readonly rolloutName: string;
  /** Labels that select the Rollout's pods, stable and canary alike. */
  readonly podSelector: Record<string, string>;

  constructor(scope: Construct, id: string, props: CanaryRolloutProps) {
    super(scope, id);
    const { environment, serviceName } = props;
    const service = serviceConfigOf(environment, serviceName);
    const canary = Object.hasOwn(environment.canary, serviceName) ? environment.canary[serviceName] : undefined;
    if (canary === undefined) {
      throw new Error(`CanaryRollout: serviceName "${serviceName}" has no entry under canary in environment "${environment.name}"`);
    }
    if (service.image === undefined || service.port === undefined) {
      throw new Error(`CanaryRollout: services.${serviceName} needs an image and a port (a canary splits HTTP traffic)`);
    }
    this.rolloutName = serviceName;
    this.podSelector = selectorLabels({ name: serviceName, environment: environment.name });
    const labels = recommendedLabels(serviceIdentity(environment, serviceName, { version: imageTag(service.image) }));

    const analysis = new CanaryAnalysis(this, 'analysis', { environment, serviceName, canary });
    const stable = new ClusterService(this, 'stable', { environment, serviceName });
    const canaryService = new ClusterService(this, 'canary', { environment, serviceName, name: canaryServiceName(serviceName) });

    new Rollout(this, 'rollout', {
      metadata: { name: this.rolloutName, labels },
      spec: {
        revisionHistoryLimit: 5,
        rollbackWindow: { revisions: rollbackWindowRevisions },
        selector: { matchLabels: this.podSelector },
        template: podTemplateJson(podTemplate(environment, serviceName, service.image, labels, this.podSelector)),
        strategy: {
          canary: {
            stableService: stable.serviceObjectName,
            canaryService: canaryService.serviceObjectName,
            trafficRouting: { nginx: { stableIngress: stableIngressName(serviceName) } },
            // Surge one pod and never go below the current count, as the Deployments do.
            maxSurge: 1,
            maxUnavailable: 0,
            ...releaseSteps(canary, analysis.templateName),
          },
        },
      },
    });

    new Autoscaler(this, 'autoscaler', { target: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: this.rolloutName }, labels, service });
    // A single pod cannot be protected without blocking node drains forever.
    if (service.replicas.min >= 2) {
      new DisruptionBudget(this, 'disruption-budget', { name: this.rolloutName, labels, podSelector: this.podSelector });
    }
  }
}

type CanaryStrategySteps = Pick<NonNullable<NonNullable<RolloutSpec['strategy']>['canary']>, 'steps' | 'analysis'>;

/**
 * The steps and the background analysis. The analysis starts at step 1, once the first weight is
 * set, and runs until the last step is done. With `promoteFull` both are left out: Argo Rollouts
 * documents a canary without steps as a plain rolling update, which is how a full promotion is
 * written in git (`kubectl argo rollouts promote --full` sets `status.promoteFull`, which git cannot).
 */
export function releaseSteps(canary: CanaryConfig, templateName: string): CanaryStrategySteps {
  if (canary.promoteFull) return {};
  return {
    steps: canary.steps.flatMap((step) => [{ setWeight: step.weight }, { pause: { duration: step.pause } }]),
    analysis: {
      templates: [{ templateName }],
      startingStep: 1,
      args: [{ name: canaryHashArgument, valueFrom: { podTemplateHashValue: 'Latest' } }],
    },
  };
}
