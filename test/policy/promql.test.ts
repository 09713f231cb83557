import { checkPromql, promqlErrorColumn } from '../../lib/policy/promql';

function prometheusRule(expr: unknown): unknown {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'video-platform', namespace: 'video-app' },
    spec: { groups: [{ name: 'api', rules: [{ alert: 'ApiDown', expr, labels: { severity: 'page' } }] }] },
  };
}

describe('K8S-MON-001: PrometheusRule expressions parse as PromQL', () => {
  it('accepts valid PromQL', () => {
    expect(promqlErrorColumn('sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.01')).toBeUndefined();
    expect(checkPromql(prometheusRule('histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1'))).toEqual([]);
  });

  it('reports the object, the field and the column of a syntax error', () => {
    const [failure, ...rest] = checkPromql(prometheusRule('sum(rate(http_requests_total[5m])')) ?? [];
    expect(rest).toEqual([]);
    expect(failure.msg).toMatch(/^K8S-MON-001: PrometheusRule\/video-app\/video-platform: spec\.groups\[0\]\.rules\[0\]\.expr: does not parse as PromQL \(column \d+/);
    expect(failure.metadata).toMatchObject({ rule: 'K8S-MON-001', field: 'spec.groups[0].rules[0].expr' });
  });

  it('reports a rule without expression', () => {
    expect(checkPromql(prometheusRule(''))?.[0].msg).toContain('has no expression');
  });

  it('ignores other kinds', () => {
    expect(checkPromql({ kind: 'ConfigMap' })).toBeUndefined();
  });
});
