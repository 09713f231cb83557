import { Construct } from 'constructs';
import type { EnvironmentConfig, MonitoringConfig } from '../config';
import { backupCronJobName, backupTargets } from './backup';
import { PrometheusRule, type PrometheusRuleGroup } from './crds/prometheus-rule';
import { labelKeys, recommendedLabels } from './labels';

/** How urgent an alert is; Alertmanager pages on `critical` and tickets on `warning`. */
export type AlertSeverity = 'critical' | 'warning';

/** Props of {@link AlertRules}. */
export interface AlertRulesProps {
  /** The environment whose namespace the alerts watch, with the `monitoring` thresholds. */
  readonly environment: EnvironmentConfig;
  /**
   * Whether `critical` alerts stay critical. Outside production nobody should be paged, so every
   * alert is a warning there.
   * @default true for the environment named "production"
   */
  readonly paging?: boolean;
  /**
   * Where the runbooks live; each alert links to `<runbookBaseUrl>/<alert-name-in-kebab-case>`.
   * @default 'https://runbooks.example.com/video-platform'
   */
  readonly runbookBaseUrl?: string;
}

/** One alert before it is rendered for an environment. */
export interface AlertDefinition {
  /** The alert's name, in UpperCamelCase as Prometheus alerts are. */
  readonly name: string;
  /** The rule group it belongs to. */
  readonly group: 'backups' | 'http' | 'workloads';
  /** The PromQL expression; `ns` is the environment's namespace, already quoted as a label matcher. */
  readonly expr: (ns: string, thresholds: MonitoringConfig) => string;
  /** How long the condition must hold before the alert fires. */
  readonly for?: string;
  readonly severity: AlertSeverity;
  /** One line for notifications; Prometheus templates such as `{{ $labels.pod }}` are filled at alert time. */
  readonly summary: (thresholds: MonitoringConfig) => string;
  /** What happened, with the measured value. */
  readonly description: (thresholds: MonitoringConfig) => string;
}

/**
 * Metrics the alerts rely on. The services expose `http_requests_total` (with a `status` label) and
 * the `http_request_duration_seconds` histogram; the prometheus-operator adds `namespace`, `pod` and
 * `container` (= the service) to every scraped series; the rest come from kube-state-metrics and the
 * kubelet's cAdvisor.
 */
const httpRequests = 'http_requests_total';
const httpDuration = 'http_request_duration_seconds_bucket';

/** Prometheus anchors regular expressions at both ends; a CronJob names its Jobs `<cronjob>-<scheduled minute>`. */
const backupCronJobPattern = `(${backupTargets.map(backupCronJobName).join('|')})`;
const backupJobs = `job_name=~"${backupCronJobPattern}-[0-9]+"`;
const backupCronJobs = `cronjob=~"${backupCronJobPattern}"`;

/** The platform's alerts, in the order they are written. */
export const alertDefinitions: readonly AlertDefinition[] = [
  {
    name: 'HighErrorRate',
    group: 'http',
    expr: (ns, t) =>
      `(sum by (namespace, container) (rate(${httpRequests}{${ns}, status=~"5.."}[5m])) / sum by (namespace, container) (rate(${httpRequests}{${ns}}[5m]))) * 100 > ${t.errorRatePercent}`,
    for: '5m',
    severity: 'critical',
    summary: (t) => `{{ $labels.container }} answers more than ${t.errorRatePercent}% of requests with 5xx`,
    description: () => '{{ $value | printf "%.2f" }}% of the requests to {{ $labels.container }} in {{ $labels.namespace }} failed with a 5xx status over the last 5 minutes.',
  },
  {
    name: 'HighLatencyP95',
    group: 'http',
    expr: (ns, t) =>
      `histogram_quantile(0.95, sum by (namespace, container, le) (rate(${httpDuration}{${ns}}[5m]))) > ${t.latencyP95Seconds}`,
    for: '10m',
    severity: 'warning',
    summary: (t) => `{{ $labels.container }} is slow: p95 latency above ${t.latencyP95Seconds}s`,
    description: () => 'The 95th percentile latency of {{ $labels.container }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}.',
  },
  {
    name: 'PodCrashLooping',
    group: 'workloads',
    expr: (ns, t) => `increase(kube_pod_container_status_restarts_total{${ns}}[15m]) >= ${t.crashLoopRestarts}`,
    severity: 'critical',
    summary: () => 'Container {{ $labels.container }} of {{ $labels.pod }} keeps restarting',
    description: (t) => `{{ $labels.pod }}/{{ $labels.container }} in {{ $labels.namespace }} restarted {{ $value | printf "%.0f" }} times in 15 minutes (threshold ${t.crashLoopRestarts}).`,
  },
  {
    name: 'HighMemoryUsage',
    group: 'workloads',
    expr: (ns, t) =>
      `(max by (namespace, pod, container) (container_memory_working_set_bytes{${ns}, container!="", container!="POD"}) / on (namespace, pod, container) max by (namespace, pod, container) (kube_pod_container_resource_limits{${ns}, resource="memory"})) * 100 > ${t.memoryLimitPercent}`,
    for: '10m',
    severity: 'warning',
    summary: (t) => `{{ $labels.pod }}/{{ $labels.container }} uses more than ${t.memoryLimitPercent}% of its memory limit`,
    description: () => '{{ $labels.pod }}/{{ $labels.container }} in {{ $labels.namespace }} uses {{ $value | printf "%.0f" }}% of its memory limit; it will be OOM-killed at 100%.',
  },
  {
    name: 'DeploymentReplicasUnavailable',
    group: 'workloads',
    expr: (ns) => `max by (namespace, deployment) (kube_deployment_status_replicas_unavailable{${ns}}) > 0`,
    // A rollout makes replicas unavailable for a while by design; 15 minutes is beyond any healthy rollout.
    for: '15m',
    severity: 'critical',
    summary: () => 'Deployment {{ $labels.deployment }} has unavailable replicas',
    description: () => '{{ $value }} replica(s) of {{ $labels.deployment }} in {{ $labels.namespace }} have been unavailable for 15 minutes.',
  },
  {
    name: 'HPAMaxedOut',
    group: 'workloads',
    // An autoscaler whose minimum equals its maximum is always "at the maximum"; it is left out.
    expr: (ns) => {
      const by = 'max by (namespace, horizontalpodautoscaler)';
      const on = 'on (namespace, horizontalpodautoscaler)';
      const max = `${by} (kube_horizontalpodautoscaler_spec_max_replicas{${ns}})`;
      const min = `${by} (kube_horizontalpodautoscaler_spec_min_replicas{${ns}})`;
      return `(${by} (kube_horizontalpodautoscaler_status_current_replicas{${ns}}) >= ${on} ${max}) and ${on} (${max} > ${on} ${min})`;
    },
    for: '15m',
    severity: 'warning',
    summary: () => 'Autoscaler {{ $labels.horizontalpodautoscaler }} is at its maximum',
    description: () => '{{ $labels.horizontalpodautoscaler }} in {{ $labels.namespace }} has run at its maximum replicas for 15 minutes; raise replicas.max or find the load.',
  },
  {
    name: 'BackupJobFailed',
    group: 'backups',
    // Failed Jobs stay in the CronJob's history after later successes, so only recent failures count.
    expr: (ns) =>
      `(max by (namespace, job_name) (kube_job_failed{${ns}, condition="true", ${backupJobs}}) > 0) and on (namespace, job_name) (max by (namespace, job_name) (kube_job_status_start_time{${ns}, ${backupJobs}}) > time() - 86400)`,
    severity: 'warning',
    summary: () => 'Backup job {{ $labels.job_name }} failed',
    description: () => 'The backup job {{ $labels.job_name }} in {{ $labels.namespace }} failed within the last 24 hours; see its pods\' logs.',
  },
  {
    name: 'BackupTooOld',
    group: 'backups',
    // Either the last success is too old, or a CronJob old enough to have succeeded never has.
    expr: (ns, t) => {
      const maxAge = t.backupMaxAgeHours * 3600;
      const lastSuccess = `max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${ns}, ${backupCronJobs}})`;
      const created = `max by (namespace, cronjob) (kube_cronjob_created{${ns}, ${backupCronJobs}})`;
      return `(time() - ${lastSuccess} > ${maxAge}) or ((time() - ${created} > ${maxAge}) unless on (namespace, cronjob) ${lastSuccess})`;
    },
    severity: 'critical',
    summary: (t) => `No successful {{ $labels.cronjob }} for more than ${t.backupMaxAgeHours} hours`,
    description: (t) => `The CronJob {{ $labels.cronjob }} in {{ $labels.namespace }} has not completed a backup for more than ${t.backupMaxAgeHours} hours.`,
  },
];

/**
 * The environment's alerts as one PrometheusRule, `<partOf>-alerts`: HTTP errors and latency,
 * crash loops, memory, unavailable replicas, maxed-out autoscalers and backups. Every expression
 * is scoped to the environment's namespace, and every alert carries `severity` and `environment`
 * labels and `summary`, `description` and `runbook_url` annotations.
 */
export class AlertRules extends Construct {
  /** Name of the PrometheusRule. */
  readonly ruleName: string;

  constructor(scope: Construct, id: string, props: AlertRulesProps) {
    super(scope, id);
    const { environment } = props;
    const paging = props.paging ?? environment.name === 'production';
    const runbookBaseUrl = (props.runbookBaseUrl ?? 'https://runbooks.example.com/video-platform').replace(/\/+$/, '');
    const ns = `namespace="${environment.namespace}"`;
    this.ruleName = `${environment.partOf}-alerts`;

    const groupNames = [...new Set(alertDefinitions.map((alert) => alert.group))].sort();
    const groups: PrometheusRuleGroup[] = groupNames.map((group) => ({
      name: `${environment.partOf}.${group}`,
      rules: alertDefinitions
        .filter((alert) => alert.group === group)
        .map((alert) => {
          return {
            alert: alert.name,
            expr: alert.expr(ns, environment.monitoring),
            for: alert.for,
            labels: { severity: paging ? alert.severity : 'warning', [labelKeys.environment]: environment.name },
            annotations: {
              summary: alert.summary(environment.monitoring),
              description: alert.description(environment.monitoring),
              runbook_url: `${runbookBaseUrl}/${kebabCase(alert.name)}`,
            },
          };
        }),
    }));

    new PrometheusRule(this, 'rule', {
      metadata: {
        name: this.ruleName,
        labels: recommendedLabels({ name: 'alert-rules', component: 'monitoring', partOf: environment.partOf, environment: environment.name }),
      },
      spec: { groups },
    });
  }
}

/** `HighLatencyP95` → `high-latency-p95`, `HPAMaxedOut` → `hpa-maxed-out`. */
function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
