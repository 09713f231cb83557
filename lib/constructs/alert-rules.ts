import { Construct } from 'constructs';
import type { EnvironmentConfig, MonitoringConfig } from '../config';
import { backupCronJobName, backupTargets } from './backup';
import { PrometheusRule, type PrometheusRuleGroup } from './crds/prometheus-rule';
import { labelKeys, recommendedLabels } from './labels';
import { cpuOfLimitPercent, errorRatioPercent, jobsProcessedRate, latencyP95Seconds, memoryOfLimitPercent, metricNames as m, queueDepth, serviceGrouping } from './service-metrics';

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
  readonly group: 'backups' | 'http' | 'queues' | 'workloads';
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

/** Prometheus anchors regular expressions at both ends; a CronJob names its Jobs `<cronjob>-<scheduled minute>`. */
const backupCronJobPattern = `(${backupTargets.map(backupCronJobName).join('|')})`;
const backupJobs = `job_name=~"${backupCronJobPattern}-[0-9]+"`;
const backupCronJobs = `cronjob=~"${backupCronJobPattern}"`;

/** The platform's alerts, in the order they are written. */
export const alertDefinitions: readonly AlertDefinition[] = [
  {
    name: 'HighErrorRate',
    group: 'http',
    expr: (ns, t) => `${errorRatioPercent(ns)} > ${t.errorRatePercent}`,
    for: '5m',
    severity: 'critical',
    summary: (t) => `{{ $labels.container }} answers more than ${t.errorRatePercent}% of requests with 5xx`,
    description: () => '{{ $value | printf "%.2f" }}% of the requests to {{ $labels.container }} in {{ $labels.namespace }} failed with a 5xx status over the last 5 minutes.',
  },
  {
    name: 'HighLatencyP95',
    group: 'http',
    expr: (ns, t) => `${latencyP95Seconds(ns)} > ${t.latencyP95Seconds}`,
    for: '10m',
    severity: 'warning',
    summary: (t) => `{{ $labels.container }} is slow: p95 latency above ${t.latencyP95Seconds}s`,
    description: () => 'The 95th percentile latency of {{ $labels.container }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}.',
  },
  {
    name: 'PodCrashLooping',
    group: 'workloads',
    expr: (ns, t) => `increase(${m.containerRestarts}{${ns}}[15m]) >= ${t.crashLoopRestarts}`,
    severity: 'critical',
    summary: () => 'Container {{ $labels.container }} of {{ $labels.pod }} keeps restarting',
    description: (t) => `{{ $labels.pod }}/{{ $labels.container }} in {{ $labels.namespace }} restarted {{ $value | printf "%.0f" }} times in 15 minutes (threshold ${t.crashLoopRestarts}).`,
  },
  {
    name: 'HighMemoryUsage',
    group: 'workloads',
    expr: (ns, t) => `${memoryOfLimitPercent(ns)} > ${t.memoryLimitPercent}`,
    for: '10m',
    severity: 'warning',
    summary: (t) => `{{ $labels.pod }}/{{ $labels.container }} uses more than ${t.memoryLimitPercent}% of its memory limit`,
    description: () => '{{ $labels.pod }}/{{ $labels.container }} in {{ $labels.namespace }} uses {{ $value | printf "%.0f" }}% of its memory limit; it will be OOM-killed at 100%.',
  },
  {
    name: 'HighCpuUsage',
    group: 'workloads',
    expr: (ns, t) => `${cpuOfLimitPercent(ns)} > ${t.cpuLimitPercent}`,
    for: '15m',
    severity: 'warning',
    summary: (t) => `{{ $labels.pod }}/{{ $labels.container }} uses more than ${t.cpuLimitPercent}% of its CPU limit`,
    description: () => '{{ $labels.pod }}/{{ $labels.container }} in {{ $labels.namespace }} uses {{ $value | printf "%.0f" }}% of its CPU limit and is being throttled; raise the limit or scale out.',
  },
  {
    name: 'DeploymentReplicasUnavailable',
    group: 'workloads',
    expr: (ns) => `max by (namespace, deployment) (${m.deploymentUnavailable}{${ns}}) > 0`,
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
      const max = `${by} (${m.hpaMaxReplicas}{${ns}})`;
      const min = `${by} (${m.hpaMinReplicas}{${ns}})`;
      return `(${by} (${m.hpaCurrentReplicas}{${ns}}) >= ${on} ${max}) and ${on} (${max} > ${on} ${min})`;
    },
    for: '15m',
    severity: 'warning',
    summary: () => 'Autoscaler {{ $labels.horizontalpodautoscaler }} is at its maximum',
    description: () => '{{ $labels.horizontalpodautoscaler }} in {{ $labels.namespace }} has run at its maximum replicas for 15 minutes; raise replicas.max or find the load.',
  },
  {
    name: 'QueueBacklogHigh',
    group: 'queues',
    expr: (ns, t) => `${queueDepth(ns)} > ${t.queueBacklogMessages}`,
    for: '15m',
    severity: 'warning',
    summary: (t) => `{{ $labels.container }} has more than ${t.queueBacklogMessages} messages waiting`,
    description: () => '{{ $value | printf "%.0f" }} messages have waited in the queue of {{ $labels.container }} in {{ $labels.namespace }} for 15 minutes; add workers or find the slow job.',
  },
  {
    name: 'QueueStalled',
    group: 'queues',
    // Work is waiting and none was finished for the whole window: the consumers are stuck or gone.
    expr: (ns) => `(${queueDepth(ns)} > 0) and on (${serviceGrouping}) (${jobsProcessedRate(ns)} == 0)`,
    for: '10m',
    severity: 'critical',
    summary: () => '{{ $labels.container }} has stopped processing its queue',
    description: () => '{{ $labels.container }} in {{ $labels.namespace }} has messages waiting and finished no job in 20 minutes.',
  },
  {
    name: 'BackupJobFailed',
    group: 'backups',
    // Failed Jobs stay in the CronJob's history after later successes, so only recent failures count.
    expr: (ns) =>
      `(max by (namespace, job_name) (${m.jobFailed}{${ns}, condition="true", ${backupJobs}}) > 0) and on (namespace, job_name) (max by (namespace, job_name) (${m.jobStartTime}{${ns}, ${backupJobs}}) > time() - 86400)`,
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
      const lastSuccess = `max by (namespace, cronjob) (${m.cronJobLastSuccess}{${ns}, ${backupCronJobs}})`;
      const created = `max by (namespace, cronjob) (${m.cronJobCreated}{${ns}, ${backupCronJobs}})`;
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
