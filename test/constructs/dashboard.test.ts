import { parser } from '@prometheus-io/lezer-promql';
import { Testing } from 'cdk8s';
import type { Dashboard, Panel } from '@grafana/schema';
import { alertDefinitions } from '../../lib/constructs/alert-rules';
import { ServiceDashboard } from '../../lib/constructs/dashboard';
import { find, productionEnvironment, synthesize } from './fixtures';

type EnvironmentConfig = ReturnType<typeof productionEnvironment>;

/** The dashboard model of `serviceName`, as the ConfigMap carries it (parsed back from its JSON). */
function dashboardOf(environment: EnvironmentConfig, serviceName: string): { dashboard: Dashboard; configMap: any } {
  const manifests = synthesize((chart) => new ServiceDashboard(chart, serviceName, { environment, serviceName }));
  const configMap = find(manifests, 'ConfigMap', `${serviceName}-dashboard`);
  const files = Object.keys(configMap.data);
  expect(files).toEqual([`video-platform-${environment.name}-${serviceName}.json`]);
  return { dashboard: JSON.parse(configMap.data[files[0]]), configMap };
}

const panels = (dashboard: Dashboard) => (dashboard.panels ?? []) as Panel[];
const titles = (dashboard: Dashboard) => panels(dashboard).map((p) => p.title);
const panelTitled = (dashboard: Dashboard, title: string) => panels(dashboard).find((p) => p.title === title)!;
const queries = (panel: Panel) => (panel.targets ?? []).map((t) => String(t.expr));
const redLine = (panel: Panel) => panel.fieldConfig?.defaults.thresholds?.steps.find((s) => s.color === 'red')?.value;

/** The metric names a PromQL expression selects, read with Prometheus' own grammar. */
function metricsOf(expr: string): string[] {
  const names: string[] = [];
  const tree = parser.parse(expr);
  tree.iterate({
    enter: (node) => {
      expect(node.type.isError).toBe(false);
      if (node.type.name === 'VectorSelector') {
        const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(expr.slice(node.from, node.to));
        if (name) names.push(name[0]);
      }
    },
  });
  return names;
}

describe('ServiceDashboard', () => {
  const environment = productionEnvironment();

  it('is a ConfigMap that Grafana’s dashboard sidecar picks up', () => {
    const { configMap, dashboard } = dashboardOf(environment, 'api');
    expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: '1', 'app.kubernetes.io/name': 'api', environment: 'production' });
    expect(dashboard.uid).toBe('production-api');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating?.list?.[0]).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
  });

  it('shows traffic, errors, latency, saturation and replicas for an HTTP service', () => {
    expect(titles(dashboardOf(environment, 'api').dashboard)).toEqual([
      'Request rate',
      'Error ratio (5xx)',
      'Latency p95',
      'CPU of limit',
      'Memory of limit',
      'Replicas and autoscaler bounds',
    ]);
  });

  it('shows the queue instead of HTTP traffic for a worker', () => {
    const worker = titles(dashboardOf(environment, 'worker').dashboard);
    expect(worker).toEqual(expect.arrayContaining(['Queue depth', 'Jobs processed', 'CPU of limit', 'Memory of limit']));
    expect(worker).not.toContain('Request rate');
    expect(titles(dashboardOf(environment, 'web').dashboard)).not.toContain('Queue depth');
  });

  it('draws the alert thresholds from the environment’s monitoring configuration', () => {
    const tuned = productionEnvironment();
    tuned.monitoring = { ...tuned.monitoring, errorRatePercent: 2.5, latencyP95Seconds: 0.4, memoryLimitPercent: 75, queueBacklogMessages: 250 };
    const api = dashboardOf(tuned, 'api').dashboard;
    expect(redLine(panelTitled(api, 'Error ratio (5xx)'))).toBe(2.5);
    expect(redLine(panelTitled(api, 'Latency p95'))).toBe(0.4);
    expect(redLine(panelTitled(api, 'Memory of limit'))).toBe(75);
    expect(redLine(panelTitled(dashboardOf(tuned, 'worker').dashboard, 'Queue depth'))).toBe(250);
  });

  it('queries only metrics the alert rules use, with the same queries for the shared signals', () => {
    const ns = `namespace="${environment.namespace}"`;
    const alertExpressions = alertDefinitions.map((alert) => alert.expr(ns, environment.monitoring));
    const alertMetrics = new Set(alertExpressions.flatMap(metricsOf));
    for (const serviceName of Object.keys(environment.services)) {
      for (const panel of panels(dashboardOf(environment, serviceName).dashboard)) {
        for (const expr of queries(panel)) {
          for (const metric of metricsOf(expr)) expect({ panel: panel.title, metric, inAlerts: alertMetrics.has(metric) }).toEqual({ panel: panel.title, metric, inAlerts: true });
          // Scoped to this service: its containers, or its autoscalers by name.
          expect(expr).toMatch(new RegExp(`container="${serviceName}"|horizontalpodautoscaler=~"${serviceName}\\(`));
        }
      }
    }
    // The error panel and the HighErrorRate alert are the same query, scoped to one service.
    const errorPanel = queries(panelTitled(dashboardOf(environment, 'api').dashboard, 'Error ratio (5xx)'))[0];
    const errorAlert = alertDefinitions.find((a) => a.name === 'HighErrorRate')!.expr(`${ns}, container="api"`, environment.monitoring);
    expect(errorAlert.startsWith(errorPanel)).toBe(true);
  });

  it('lays the panels out two to a row without overlap', () => {
    const grid = panels(dashboardOf(environment, 'worker').dashboard).map((p) => p.gridPos!);
    const cells = new Set(grid.map((g) => `${g.x},${g.y}`));
    expect(cells.size).toBe(grid.length);
    for (const g of grid) expect(g.x + g.w).toBeLessThanOrEqual(24);
  });

  it('refuses a service the environment does not have', () => {
    const chart = Testing.chart();
    expect(() => new ServiceDashboard(chart, 'x', { environment, serviceName: 'nope' })).toThrow(/serviceName "nope"/);
  });
});
