import { Construct } from 'constructs';
import type { CanaryConfig, EnvironmentConfig } from '../config';
import { AnalysisTemplate } from './crds/analysis-template';
import { recommendedLabels } from './labels';
import { serviceIdentity } from './service-identity';
import { errorRatioPercent, latencyP95Seconds } from './service-metrics';

/** The label Argo Rollouts puts on every pod of a Rollout: the hash of the pod template it runs. */
export const podTemplateHashLabel = 'rollouts-pod-template-hash';

/** The same label on scraped series: the prometheus-operator turns `-` into `_` when it copies a pod label. */
export const podTemplateHashSeriesLabel = podTemplateHashLabel.replace(/-/g, '_');

/** The analysis argument that carries the canary's pod-template hash (the Rollout fills it in). */
export const canaryHashArgument = 'canary-hash';

/**
 * The label matchers of one service's canary pods: its series in its namespace, from the pods of the
 * newest pod template only. The alert rules use the same builders with the namespace alone.
 */
export function canaryScope(environment: EnvironmentConfig, serviceName: string): string {
  return `namespace="${environment.namespace}", container="${serviceName}", ${podTemplateHashSeriesLabel}="{{args.${canaryHashArgument}}}"`;
}

/** Name of a canary service's AnalysisTemplate. */
export function analysisTemplateName(serviceName: string): string {
  return `${serviceName}-canary`;
}

/** One measured value and the largest value that passes, as the alert rules compare them. */
interface CanaryCheck {
  readonly name: string;
  readonly query: string;
  readonly threshold: number;
}

/** The checks of a canary: the alert rules' HTTP error ratio and p95 latency, on the canary's pods. */
export function canaryChecks(environment: EnvironmentConfig, serviceName: string): CanaryCheck[] {
  const scope = canaryScope(environment, serviceName);
  const { monitoring } = environment;
  return [
    { name: 'error-ratio-percent', query: errorRatioPercent(scope), threshold: monitoring.errorRatePercent },
    { name: 'latency-p95-seconds', query: latencyP95Seconds(scope), threshold: monitoring.latencyP95Seconds },
  ];
}

/** A measured value: one series (the query groups by namespace and container, which the scope fixes) that is a number. */
const measured = 'len(result) > 0 && !isNaN(result[0])';

/** Passes when a value was measured and is at most the threshold. */
export function successCondition(threshold: number): string {
  return `${measured} && result[0] <= ${threshold}`;
}

/**
 * Fails when a value was measured and is above the threshold. With nothing to judge (no series: no
 * request reached the canary yet; NaN: 0/0 when nothing was answered in the window) neither condition
 * holds, so Argo Rollouts counts the measurement inconclusive and pauses the Rollout for a person to
 * promote or abort: no traffic is no evidence, and the canary does not go on without it.
 */
export function failureCondition(threshold: number): string {
  return `${measured} && result[0] > ${threshold}`;
}

/** Props of {@link CanaryAnalysis}. */
export interface CanaryAnalysisProps {
  /** The environment, for its namespace, its Prometheus and its `monitoring` thresholds. */
  readonly environment: EnvironmentConfig;
  /** The canary service (a key of both `environment.services` and `environment.canary`). */
  readonly serviceName: string;
  /** The service's canary settings. */
  readonly canary: CanaryConfig;
}

/**
 * The AnalysisTemplate a canary Rollout runs in the background: every `analysis.interval`, the canary
 * pods' 5xx ratio and p95 latency from Prometheus, each failing when above the environment's alert
 * threshold. More than `analysis.failureLimit` failed measurements of either metric fail the run, and
 * a failed background analysis aborts the Rollout: all traffic returns to the stable version.
 */
export class CanaryAnalysis extends Construct {
  /** Name of the AnalysisTemplate. */
  readonly templateName: string;

  constructor(scope: Construct, id: string, props: CanaryAnalysisProps) {
    super(scope, id);
    const { environment, serviceName, canary } = props;
    this.templateName = analysisTemplateName(serviceName);
    new AnalysisTemplate(this, 'template', {
      metadata: { name: this.templateName, labels: recommendedLabels(serviceIdentity(environment, serviceName)) },
      spec: {
        args: [{ name: canaryHashArgument }],
        metrics: canaryChecks(environment, serviceName).map((check) => ({
          name: check.name,
          interval: canary.analysis.interval,
          failureLimit: canary.analysis.failureLimit,
          successCondition: successCondition(check.threshold),
          failureCondition: failureCondition(check.threshold),
          provider: { prometheus: { address: environment.monitoring.prometheusUrl, query: check.query } },
        })),
      },
    });
  }
}
