import { parser } from '@prometheus-io/lezer-promql';
import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { AlertRules, type AlertRulesProps } from '../../lib/constructs/alert-rules';
import { find, synthesize } from './fixtures';

const load = (name: string): EnvironmentConfig => loadEnvironment(join(__dirname, '../../environments', `${name}.yaml`));
const build = (props: AlertRulesProps) => synthesize((chart) => new AlertRules(chart, 'alert-rules', props));

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Every alerting rule of the environment's PrometheusRule, across its groups. */
function rulesOf(props: AlertRulesProps): Rule[] {
  const rule = find(build(props), 'PrometheusRule', 'video-platform-alerts');
  return rule.spec.groups.flatMap((group: { rules: Rule[] }) => group.rules);
}

const ruleNamed = (rules: Rule[], name: string): Rule => {
  const rule = rules.find((candidate) => candidate.alert === name);
  if (!rule) throw new Error(`no alert ${name}`);
  return rule;
};

/** Offsets of the syntax errors the PromQL grammar finds in `expr`. */
function syntaxErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({ enter: (node) => void (node.type.isError && errors.push(node.from)) });
  return errors;
}

/** The metric selectors of `expr` that lack the matcher namespace="<namespace>". */
function unscopedSelectors(expr: string, namespace: string): string[] {
  const unscoped: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.name !== 'VectorSelector') return;
      const text = expr.slice(node.from, node.to);
      if (!text.includes(`namespace="${namespace}"`)) unscoped.push(text);
      return false;
    },
  });
  return unscoped;
}

/** The number a comparison at the top of `expr` tests against (the last number literal). */
const threshold = (expr: string): number => Number(/([0-9.]+)\)?$/.exec(expr)?.[1]);

describe('AlertRules', () => {
  const production = rulesOf({ environment: load('production') });

  it('defines the platform alerts', () => {
    expect(production.map((rule) => rule.alert).sort()).toEqual([
      'BackupJobFailed',
      'BackupTooOld',
      'DeploymentReplicasUnavailable',
      'HPAMaxedOut',
      'HighCpuUsage',
      'HighErrorRate',
      'HighLatencyP95',
      'HighMemoryUsage',
      'PodCrashLooping',
      'QueueBacklogHigh',
      'QueueStalled',
    ]);
  });

  it('finds syntax errors in broken PromQL (the check below can fail)', () => {
    expect(syntaxErrors('sum(rate(http_requests_total[5m]) >')).not.toEqual([]);
    expect(syntaxErrors('rate(x[5m]) and on (a b) y')).not.toEqual([]);
    expect(syntaxErrors('rate(x[5m]) > 1')).toEqual([]);
  });

  it.each(['development', 'staging', 'production'])('writes valid PromQL, every selector scoped to the namespace (%s)', (name) => {
    const environment = load(name);
    for (const rule of rulesOf({ environment })) {
      expect({ alert: rule.alert, errors: syntaxErrors(rule.expr) }).toEqual({ alert: rule.alert, errors: [] });
      expect({ alert: rule.alert, unscoped: unscopedSelectors(rule.expr, environment.namespace) }).toEqual({ alert: rule.alert, unscoped: [] });
    }
  });

  it('gives every alert a severity, its environment, a summary, a description and a runbook', () => {
    for (const rule of production) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.labels.environment).toBe('production');
      expect(rule.annotations.summary).toMatch(/\S/);
      expect(rule.annotations.description).toMatch(/\S/);
      expect(rule.annotations.runbook_url).toMatch(/^https:\/\/runbooks\.example\.com\/video-platform\/[a-z0-9-]+$/);
    }
    expect(ruleNamed(production, 'HPAMaxedOut').annotations.runbook_url).toBe('https://runbooks.example.com/video-platform/hpa-maxed-out');
    expect(ruleNamed(production, 'HighLatencyP95').annotations.runbook_url).toBe('https://runbooks.example.com/video-platform/high-latency-p95');
  });

  it('links runbooks under runbookBaseUrl', () => {
    const rules = rulesOf({ environment: load('staging'), runbookBaseUrl: 'https://wiki.example.com/runbooks/' });
    expect(ruleNamed(rules, 'BackupTooOld').annotations.runbook_url).toBe('https://wiki.example.com/runbooks/backup-too-old');
  });

  it('pages (critical) only in production; elsewhere every alert is a warning', () => {
    const critical = (rules: Rule[]) => rules.filter((rule) => rule.labels.severity === 'critical').map((rule) => rule.alert).sort();
    expect(critical(production)).toEqual(['BackupTooOld', 'DeploymentReplicasUnavailable', 'HighErrorRate', 'PodCrashLooping', 'QueueStalled']);
    expect(critical(rulesOf({ environment: load('staging') }))).toEqual([]);
    expect(critical(rulesOf({ environment: load('staging'), paging: true }))).toHaveLength(5);
  });

  it('takes its thresholds and durations from environment.monitoring', () => {
    const environment = load('staging');
    environment.monitoring = { ...environment.monitoring, errorRatePercent: 2.5, latencyP95Seconds: 0.75, memoryLimitPercent: 80, cpuLimitPercent: 85, crashLoopRestarts: 5, backupMaxAgeHours: 30, queueBacklogMessages: 500 };
    const rules = rulesOf({ environment });
    expect(threshold(ruleNamed(rules, 'HighErrorRate').expr)).toBe(2.5);
    expect(ruleNamed(rules, 'HighErrorRate').expr).toContain('status=~"5.."');
    expect(ruleNamed(rules, 'HighErrorRate').for).toBe('5m');
    expect(ruleNamed(rules, 'HighLatencyP95').expr).toMatch(/^histogram_quantile\(0\.95, /);
    expect(threshold(ruleNamed(rules, 'HighLatencyP95').expr)).toBe(0.75);
    expect(ruleNamed(rules, 'HighLatencyP95').for).toBe('10m');
    expect(ruleNamed(rules, 'PodCrashLooping').expr).toBe('increase(kube_pod_container_status_restarts_total{namespace="video-app-staging"}[15m]) >= 5');
    expect(threshold(ruleNamed(rules, 'HighMemoryUsage').expr)).toBe(80);
    expect(ruleNamed(rules, 'HighMemoryUsage').for).toBe('10m');
    expect(ruleNamed(rules, 'BackupTooOld').expr).toContain(`> ${30 * 3600}`);
    expect(ruleNamed(rules, 'BackupTooOld').annotations.summary).toContain('30 hours');
    expect(threshold(ruleNamed(rules, 'QueueBacklogHigh').expr)).toBe(500);
    expect(threshold(ruleNamed(rules, 'HighCpuUsage').expr)).toBe(85);
    expect(ruleNamed(rules, 'QueueBacklogHigh').annotations.summary).toContain('500 messages');
  });

  it('calls a queue stalled only when messages wait and no job finished', () => {
    const expr = ruleNamed(rulesOf({ environment: load('staging') }), 'QueueStalled').expr;
    expect(expr).toMatch(/^\(max by \(namespace, container\) \(worker_queue_depth\{namespace="video-app-staging"\}\) > 0\) and on \(namespace, container\) /);
    expect(expr).toContain('rate(worker_jobs_processed_total{namespace="video-app-staging"}[10m])) == 0');
  });

  it('watches the backup CronJobs and their Jobs by name', () => {
    const rules = rulesOf({ environment: load('production') });
    // Prometheus matches label regular expressions against the whole value.
    const matcher = (expr: string, label: string) => {
      const patterns = [...expr.matchAll(new RegExp(`${label}=~"([^"]+)"`, 'g'))].map((match) => new RegExp(`^(?:${match[1]})$`));
      expect(patterns.length).toBeGreaterThan(0);
      return (value: string) => patterns.every((pattern) => pattern.test(value));
    };
    const cronJob = matcher(ruleNamed(rules, 'BackupTooOld').expr, 'cronjob');
    expect(['backup-postgres', 'backup-redis'].map(cronJob)).toEqual([true, true]);
    expect(['backup', 'api', 'backup-postgres-29131200'].map(cronJob)).toEqual([false, false, false]);
    const job = matcher(ruleNamed(rules, 'BackupJobFailed').expr, 'job_name');
    expect(['backup-postgres-29131200', 'backup-redis-29131200'].map(job)).toEqual([true, true]);
    expect(['backup-postgres', 'backup-redis', 'api-29131200', 'backup-postgres-manual'].map(job)).toEqual([false, false, false, false]);
    expect(ruleNamed(rules, 'BackupTooOld').expr).toContain('kube_cronjob_status_last_successful_time{namespace="video-app", ');
    expect(ruleNamed(rules, 'BackupJobFailed').expr).toContain('kube_job_failed{namespace="video-app", condition="true", ');
  });

  it('groups the rules by concern and labels the object like the platform', () => {
    const rule = find(build({ environment: load('production') }), 'PrometheusRule', 'video-platform-alerts');
    expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.spec.groups.map((group: { name: string }) => group.name)).toEqual(['video-platform.backups', 'video-platform.http', 'video-platform.queues', 'video-platform.workloads']);
    expect(rule.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'video-platform', environment: 'production' });
  });
});
