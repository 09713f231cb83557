import type { MonitoringConfig } from '../../lib/config';

/**
 * Input for promtool's rule unit tests, one scenario per alert and outcome. The series carry the
 * names and labels of the exporters that produce them in a cluster: kube-state-metrics, the
 * kubelet's cAdvisor, and the services' own HTTP metrics as the prometheus-operator scrapes them
 * (it adds `namespace`, `pod`, `container`, `service`, `endpoint`, `job` and `instance`).
 * Every threshold is read from the environment's `monitoring` settings, the same values
 * lib/constructs/alert-rules.ts writes into the rules.
 */

/** One input series in promtool notation (`'0+10x30'`: 0, 10, 20, … 300, one per interval). */
export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** One situation and what the alert should do in it. */
export interface AlertScenario {
  /** What the situation is, for the test's name. */
  readonly situation: string;
  readonly inputSeries: readonly InputSeries[];
  /** Minute (from 0) at which the evaluation checks the alert. */
  readonly evalMinute: number;
  /** For a firing scenario: the labels the expression gives the alert (the rule adds its own). */
  readonly labels?: Readonly<Record<string, string>>;
  /** For a firing scenario: how the annotations print `{{ $value }}`, when they use it. */
  readonly valueText?: string;
  /** For a firing scenario of an alert with `for:`: the minute its condition starts to hold. */
  readonly conditionFromMinute?: number;
}

/** The firing and silent scenarios of one alert. */
export interface AlertCase {
  readonly firing: readonly AlertScenario[];
  readonly silent: readonly AlertScenario[];
}

type Labels = Readonly<Record<string, string>>;

/** `name{a="1",b="2"}`, labels sorted. */
export function seriesName(name: string, labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  return `${name}{${pairs.join(',')}}`;
}

/** `count` samples of `value`, in promtool notation. */
const constant = (value: number, count: number): string => `${value}x${count - 1}`;

/** A counter growing by `perMinute` for `count` samples. */
const counter = (perMinute: number, count: number): string => `0+${perMinute}x${count - 1}`;

/**
 * Prometheus' `humanizeDuration` for 1 ms ≤ seconds < 60 s: four significant digits, trailing
 * zeros dropped (Go's `%.4g`), in `ms` below one second.
 */
export function humanizeDuration(seconds: number): string {
  if (seconds >= 1 && seconds < 60) return `${Number(seconds.toPrecision(4))}s`;
  if (seconds >= 0.001 && seconds < 1) return `${Number((seconds * 1000).toPrecision(4))}ms`;
  throw new Error(`humanizeDuration: ${seconds}s is outside the 1ms–60s range this helper covers; extend it`);
}

/** The platform's alerts, by name, with scenarios for the environment's namespace and thresholds. */
export function alertCases(namespace: string, t: MonitoringConfig): Record<string, AlertCase> {
  const ksm = { job: 'kube-state-metrics', instance: '10.244.2.9:8080' };
  const scraped = (service: string, pod: string) => ({ namespace, pod, container: service, service, endpoint: 'http', job: service, instance: '10.244.1.23:8080' });
  const apiPod = 'api-blue-5d8f7c9b6-x2x7k';
  const workerPod = 'worker-7c4b9d8f5-qm4zt';
  const samples = 31;

  const httpRequests = (errorsPerThousand: number): InputSeries[] => [
    { series: seriesName('http_requests_total', { ...scraped('api', apiPod), method: 'GET', status: '200' }), values: counter(1000 - errorsPerThousand, samples) },
    { series: seriesName('http_requests_total', { ...scraped('api', apiPod), method: 'GET', status: '503' }), values: counter(errorsPerThousand, samples) },
  ];

  // Buckets at half, one and two times the threshold; the p95 is interpolated inside a bucket.
  const l = t.latencyP95Seconds;
  const latency = (perBucket: readonly [number, number, number, number]): InputSeries[] =>
    [String(l / 2), String(l), String(2 * l), '+Inf'].map((le, index) => ({
      series: seriesName('http_request_duration_seconds_bucket', { ...scraped('api', apiPod), method: 'GET', le }),
      values: counter(perBucket[index], samples),
    }));

  const restarts = (count: number): InputSeries[] => [
    {
      series: seriesName('kube_pod_container_status_restarts_total', { ...ksm, namespace, pod: apiPod, container: 'api', uid: '0b7c5e0e-8a53-4d1e-9a37-3f1b2c4d5e6f' }),
      values: `${constant(0, 6)} ${constant(count, 25)}`,
    },
  ];

  // cAdvisor reports the container, its pod's cgroup (container="") and the pause container ("POD").
  const mib4 = 4 * 1024 * 1024;
  const memory = (workingSetBytes: number): InputSeries[] => {
    const cadvisor = { job: 'kubelet', metrics_path: '/metrics/cadvisor', instance: 'node-a', namespace, pod: workerPod };
    const limits = { ...ksm, namespace, pod: workerPod, container: 'worker', node: 'node-a', uid: '4f0c2a8e-1b2d-4c3e-8f9a-0a1b2c3d4e5f' };
    return [
      { series: seriesName('container_memory_working_set_bytes', { ...cadvisor, container: 'worker', image: 'registry.example.com/video-platform/worker:1.4.0', name: 'k8s_worker' }), values: constant(workingSetBytes, samples) },
      { series: seriesName('container_memory_working_set_bytes', { ...cadvisor, container: '' }), values: constant(workingSetBytes + mib4, samples) },
      { series: seriesName('container_memory_working_set_bytes', { ...cadvisor, container: 'POD', image: 'registry.k8s.io/pause:3.9', name: 'k8s_POD' }), values: constant(mib4 / 4, samples) },
      { series: seriesName('kube_pod_container_resource_limits', { ...limits, resource: 'memory', unit: 'byte' }), values: constant(100 * mib4, samples) },
      { series: seriesName('kube_pod_container_resource_limits', { ...limits, resource: 'cpu', unit: 'core' }), values: constant(1, samples) },
    ];
  };

  // CPU seconds per minute at `percent` of a one-core limit; cAdvisor again reports the pod's cgroup
  // and the pause container. rate() over [5m] reads the full percentage once five minutes of samples
  // exist (before that Prometheus extrapolates a counter that starts at 0 no further back than 0).
  const cpu = (percent: number): InputSeries[] => {
    const cadvisor = { job: 'kubelet', metrics_path: '/metrics/cadvisor', instance: 'node-a', namespace, pod: workerPod };
    const limits = { ...ksm, namespace, pod: workerPod, container: 'worker', node: 'node-a', uid: '4f0c2a8e-1b2d-4c3e-8f9a-0a1b2c3d4e5f' };
    const secondsPerMinute = (percent / 100) * 60;
    return [
      { series: seriesName('container_cpu_usage_seconds_total', { ...cadvisor, container: 'worker', image: 'registry.example.com/video-platform/worker:1.4.0', name: 'k8s_worker' }), values: counter(secondsPerMinute, samples) },
      { series: seriesName('container_cpu_usage_seconds_total', { ...cadvisor, container: '' }), values: counter(secondsPerMinute + 1, samples) },
      { series: seriesName('container_cpu_usage_seconds_total', { ...cadvisor, container: 'POD', image: 'registry.k8s.io/pause:3.9', name: 'k8s_POD' }), values: counter(0.01, samples) },
      { series: seriesName('kube_pod_container_resource_limits', { ...limits, resource: 'cpu', unit: 'core' }), values: constant(1, samples) },
    ];
  };

  // The worker's queue as its own metrics report it, and the jobs it finished (a counter).
  const queue = (depth: number, processedPerMinute: number): InputSeries[] => [
    { series: seriesName('worker_queue_depth', { ...scraped('worker', workerPod), endpoint: 'metrics', queue: 'transcode' }), values: constant(depth, samples) },
    { series: seriesName('worker_jobs_processed_total', { ...scraped('worker', workerPod), endpoint: 'metrics', queue: 'transcode' }), values: processedPerMinute === 0 ? constant(1200, samples) : `1200+${processedPerMinute}x${samples - 1}` },
  ];

  const unavailable = (replicas: number): InputSeries[] => [
    { series: seriesName('kube_deployment_status_replicas_unavailable', { ...ksm, namespace, deployment: 'api-blue' }), values: constant(replicas, samples) },
  ];

  const autoscaler = (current: number): InputSeries[] => {
    const hpa = { ...ksm, namespace, horizontalpodautoscaler: 'worker' };
    return [
      { series: seriesName('kube_horizontalpodautoscaler_status_current_replicas', hpa), values: constant(current, samples) },
      { series: seriesName('kube_horizontalpodautoscaler_spec_max_replicas', hpa), values: constant(15, samples) },
      { series: seriesName('kube_horizontalpodautoscaler_spec_min_replicas', hpa), values: constant(3, samples) },
    ];
  };

  // Time stamps are set relative to the evaluation at minute 5, so that a day-long history needs a
  // few samples only (promtool evaluates every rule each minute up to the last evaluation).
  const evalMinute = 5;
  const secondsAgo = (minutes: number): number => evalMinute * 60 - minutes * 60;
  const jobName = 'backup-postgres-29418720';
  const failedJob = (startedMinutesAgo: number): InputSeries[] => [
    { series: seriesName('kube_job_failed', { ...ksm, namespace, job_name: jobName, condition: 'true' }), values: constant(1, 10) },
    { series: seriesName('kube_job_failed', { ...ksm, namespace, job_name: jobName, condition: 'false' }), values: constant(0, 10) },
    { series: seriesName('kube_job_status_start_time', { ...ksm, namespace, job_name: jobName }), values: constant(secondsAgo(startedMinutesAgo), 10) },
  ];

  // A backup CronJob created `createdMinutesAgo`, whose last success (if any) was `succeededMinutesAgo`.
  const maxAgeMinutes = t.backupMaxAgeHours * 60;
  const cronJob = (cronjob: string, createdMinutesAgo: number, succeededMinutesAgo?: number): InputSeries[] => [
    { series: seriesName('kube_cronjob_created', { ...ksm, namespace, cronjob }), values: constant(secondsAgo(createdMinutesAgo), 10) },
    ...(succeededMinutesAgo === undefined ? [] : [{ series: seriesName('kube_cronjob_status_last_successful_time', { ...ksm, namespace, cronjob }), values: constant(secondsAgo(succeededMinutesAgo), 10) }]),
  ];
  const day = 24 * 60;

  return {
    HighErrorRate: {
      firing: [{ situation: `${t.errorRatePercent + 1}% of requests fail with 5xx`, inputSeries: httpRequests(10 * (t.errorRatePercent + 1)), evalMinute: 20, conditionFromMinute: 1, labels: { namespace, container: 'api' }, valueText: (t.errorRatePercent + 1).toFixed(2) }],
      silent: [{ situation: `${0.99 * t.errorRatePercent}% of requests fail with 5xx`, inputSeries: httpRequests(10 * 0.99 * t.errorRatePercent), evalMinute: 20 }],
    },
    HighLatencyP95: {
      firing: [{ situation: `p95 at ${1.95 * l}s`, inputSeries: latency([0, 0, 100, 100]), evalMinute: 20, conditionFromMinute: 1, labels: { namespace, container: 'api' }, valueText: humanizeDuration(1.95 * l) }],
      silent: [{ situation: `p95 at ${0.975 * l}s`, inputSeries: latency([0, 100, 100, 100]), evalMinute: 20 }],
    },
    PodCrashLooping: {
      firing: [{ situation: `${t.crashLoopRestarts} restarts in 15 minutes`, inputSeries: restarts(t.crashLoopRestarts), evalMinute: 10, labels: { ...ksm, namespace, pod: apiPod, container: 'api', uid: '0b7c5e0e-8a53-4d1e-9a37-3f1b2c4d5e6f' }, valueText: String(t.crashLoopRestarts) }],
      silent: [{ situation: `${t.crashLoopRestarts - 1} restarts in 15 minutes`, inputSeries: restarts(t.crashLoopRestarts - 1), evalMinute: 10 }],
    },
    HighMemoryUsage: {
      firing: [{ situation: `working set at ${t.memoryLimitPercent + 5}% of the limit`, inputSeries: memory((t.memoryLimitPercent + 5) * mib4), evalMinute: 20, conditionFromMinute: 0, labels: { namespace, pod: workerPod, container: 'worker' }, valueText: String(t.memoryLimitPercent + 5) }],
      silent: [{ situation: `working set at ${t.memoryLimitPercent - 0.25}% of the limit`, inputSeries: memory(t.memoryLimitPercent * mib4 - mib4 / 4), evalMinute: 20 }],
    },
    HighCpuUsage: {
      firing: [{ situation: `CPU at ${t.cpuLimitPercent + 5}% of the limit`, inputSeries: cpu(t.cpuLimitPercent + 5), evalMinute: 25, conditionFromMinute: 5, labels: { namespace, pod: workerPod, container: 'worker' }, valueText: String(t.cpuLimitPercent + 5) }],
      silent: [{ situation: `CPU at ${t.cpuLimitPercent - 1}% of the limit`, inputSeries: cpu(t.cpuLimitPercent - 1), evalMinute: 25 }],
    },
    QueueBacklogHigh: {
      firing: [{ situation: `${t.queueBacklogMessages + 1} messages waiting`, inputSeries: queue(t.queueBacklogMessages + 1, 10), evalMinute: 20, conditionFromMinute: 0, labels: { namespace, container: 'worker' }, valueText: String(t.queueBacklogMessages + 1) }],
      silent: [{ situation: `${t.queueBacklogMessages} messages waiting`, inputSeries: queue(t.queueBacklogMessages, 10), evalMinute: 20 }],
    },
    QueueStalled: {
      firing: [{ situation: 'messages waiting and no job finished', inputSeries: queue(5, 0), evalMinute: 20, conditionFromMinute: 1, labels: { namespace, container: 'worker' } }],
      silent: [{ situation: 'messages waiting and one job finished a minute', inputSeries: queue(5, 1), evalMinute: 20 }],
    },
    DeploymentReplicasUnavailable: {
      firing: [{ situation: 'one replica unavailable', inputSeries: unavailable(1), evalMinute: 25, conditionFromMinute: 0, labels: { namespace, deployment: 'api-blue' }, valueText: '1' }],
      silent: [{ situation: 'every replica available', inputSeries: unavailable(0), evalMinute: 25 }],
    },
    HPAMaxedOut: {
      firing: [{ situation: 'at its maximum of 15 replicas', inputSeries: autoscaler(15), evalMinute: 25, conditionFromMinute: 0, labels: { namespace, horizontalpodautoscaler: 'worker' } }],
      silent: [{ situation: 'one replica below its maximum', inputSeries: autoscaler(14), evalMinute: 25 }],
    },
    BackupJobFailed: {
      firing: [{ situation: 'a backup Job failed that started 23h59m ago', inputSeries: failedJob(day - 1), evalMinute, labels: { namespace, job_name: jobName } }],
      silent: [{ situation: 'a backup Job failed that started 24h01m ago', inputSeries: failedJob(day + 1), evalMinute }],
    },
    BackupTooOld: {
      firing: [
        { situation: `last success ${t.backupMaxAgeHours}h01m ago`, inputSeries: cronJob('backup-redis', maxAgeMinutes + day, maxAgeMinutes + 1), evalMinute, labels: { namespace, cronjob: 'backup-redis' } },
        { situation: `never succeeded, created ${t.backupMaxAgeHours}h01m ago`, inputSeries: cronJob('backup-postgres', maxAgeMinutes + 1), evalMinute, labels: { namespace, cronjob: 'backup-postgres' } },
      ],
      silent: [
        { situation: `last success ${t.backupMaxAgeHours - 1}h59m ago`, inputSeries: cronJob('backup-redis', maxAgeMinutes + day, maxAgeMinutes - 1), evalMinute },
        { situation: `never succeeded, created ${t.backupMaxAgeHours - 1}h59m ago`, inputSeries: cronJob('backup-postgres', maxAgeMinutes - 1), evalMinute },
      ],
    },
  };
}
