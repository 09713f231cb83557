/**
 * The metrics the platform reads about its services, and the PromQL built from them: one source for
 * the alert rules, the Grafana dashboards and the canary analysis, so a renamed metric or label
 * changes all three at once.
 *
 * The services expose `http_requests_total` (with a `status` label) and the
 * `http_request_duration_seconds` histogram; queue workers expose `worker_queue_depth` and
 * `worker_jobs_processed_total`. The prometheus-operator adds `namespace`, `pod` and `container`
 * (= the service) to every scraped series; the rest come from kube-state-metrics and the kubelet's
 * cAdvisor.
 */
export const metricNames = {
  httpRequests: 'http_requests_total',
  httpDurationBucket: 'http_request_duration_seconds_bucket',
  queueDepth: 'worker_queue_depth',
  jobsProcessed: 'worker_jobs_processed_total',
  containerRestarts: 'kube_pod_container_status_restarts_total',
  memoryWorkingSet: 'container_memory_working_set_bytes',
  cpuUsage: 'container_cpu_usage_seconds_total',
  containerLimits: 'kube_pod_container_resource_limits',
  deploymentUnavailable: 'kube_deployment_status_replicas_unavailable',
  hpaCurrentReplicas: 'kube_horizontalpodautoscaler_status_current_replicas',
  hpaMinReplicas: 'kube_horizontalpodautoscaler_spec_min_replicas',
  hpaMaxReplicas: 'kube_horizontalpodautoscaler_spec_max_replicas',
  jobFailed: 'kube_job_failed',
  jobStartTime: 'kube_job_status_start_time',
  cronJobLastSuccess: 'kube_cronjob_status_last_successful_time',
  cronJobCreated: 'kube_cronjob_created',
} as const;

/** Labels that identify one service's series across environments. */
export const serviceGrouping = 'namespace, container';

/** Per-second request rate over `window`, by service; `selector` is a label-matcher list without braces. */
export function requestRate(selector: string, window = '5m'): string {
  return `sum by (${serviceGrouping}) (rate(${metricNames.httpRequests}{${selector}}[${window}]))`;
}

/** Percentage of requests answered with a 5xx status over `window`, by service. */
export function errorRatioPercent(selector: string, window = '5m'): string {
  const errors = `sum by (${serviceGrouping}) (rate(${metricNames.httpRequests}{${selector}, status=~"5.."}[${window}]))`;
  return `(${errors} / ${requestRate(selector, window)}) * 100`;
}

/** The 95th percentile request duration in seconds over `window`, by service. */
export function latencyP95Seconds(selector: string, window = '5m'): string {
  return `histogram_quantile(0.95, sum by (${serviceGrouping}, le) (rate(${metricNames.httpDurationBucket}{${selector}}[${window}])))`;
}

/** Working-set memory as a percentage of the limit, by pod and container. */
export function memoryOfLimitPercent(selector: string): string {
  const by = 'max by (namespace, pod, container)';
  return `(${by} (${metricNames.memoryWorkingSet}{${selector}, container!="", container!="POD"}) / on (namespace, pod, container) ${by} (${metricNames.containerLimits}{${selector}, resource="memory"})) * 100`;
}

/** CPU usage as a percentage of the limit, by pod and container. */
export function cpuOfLimitPercent(selector: string, window = '5m'): string {
  const by = 'max by (namespace, pod, container)';
  return `(${by} (rate(${metricNames.cpuUsage}{${selector}, container!="", container!="POD"}[${window}])) / on (namespace, pod, container) ${by} (${metricNames.containerLimits}{${selector}, resource="cpu"})) * 100`;
}

/** Messages waiting in a worker's queue, by service. */
export function queueDepth(selector: string): string {
  return `max by (${serviceGrouping}) (${metricNames.queueDepth}{${selector}})`;
}

/** Jobs a worker finishes per second over `window`, by service. */
export function jobsProcessedRate(selector: string, window = '10m'): string {
  return `sum by (${serviceGrouping}) (rate(${metricNames.jobsProcessed}{${selector}}[${window}]))`;
}
