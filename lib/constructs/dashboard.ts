import type { Dashboard, Panel, Threshold, ThresholdsConfig } from '@grafana/schema';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { recommendedLabels } from './labels';
import { serviceConfigOf, serviceIdentity } from './service-identity';
import {
  cpuOfLimitPercent,
  errorRatioPercent,
  jobsProcessedRate,
  latencyP95Seconds,
  memoryOfLimitPercent,
  metricNames as m,
  queueDepth,
  requestRate,
} from './service-metrics';

/** The label by which Grafana's dashboard sidecar (k8s-sidecar) picks up ConfigMaps. */
export const grafanaDashboardLabel = { grafana_dashboard: '1' } as const;

/** Props of {@link ServiceDashboard}. */
export interface ServiceDashboardProps {
  /** The environment the service runs in; `monitoring` gives the threshold lines. */
  readonly environment: EnvironmentConfig;
  /** The service (a key of `environment.services`) the dashboard shows. */
  readonly serviceName: string;
}

/** Grafana's dashboard model version the JSON is written for. */
const schemaVersion = 39;
const datasource = { type: 'prometheus', uid: '${datasource}' };
const panelWidth = 12;
const panelHeight = 8;

/** One time-series panel: its title, unit, queries (legend → PromQL) and an optional red threshold line. */
interface PanelSpec {
  readonly title: string;
  readonly unit: string;
  readonly queries: ReadonlyArray<{ legend: string; expr: string }>;
  readonly threshold?: number;
}

/**
 * A Grafana dashboard for one service, in a ConfigMap labelled for Grafana's dashboard sidecar
 * (`grafana_dashboard: "1"`; the sidecar must watch the environment's namespace): request rate,
 * error ratio and p95 latency for services with a port, CPU and memory against their limits,
 * replicas against the autoscaler's bounds, and for queue workers the queue depth and throughput.
 * Every query comes from `service-metrics`, the module the alert rules are built from, and the
 * threshold lines are the alerts' thresholds.
 */
export class ServiceDashboard extends Construct {
  /** The dashboard model, as written into the ConfigMap. */
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { environment, serviceName } = props;
    const service = serviceConfigOf(environment, serviceName);
    const t = environment.monitoring;
    const pods = `namespace="${environment.namespace}", container="${serviceName}"`;
    // Autoscalers are named after their workload: the service, or the service and a color.
    const autoscaler = `namespace="${environment.namespace}", horizontalpodautoscaler=~"${serviceName}(-blue|-green)?"`;

    const specs: PanelSpec[] = [];
    if (service.port !== undefined) {
      specs.push(
        { title: 'Request rate', unit: 'reqps', queries: [{ legend: '{{container}}', expr: requestRate(pods) }] },
        { title: 'Error ratio (5xx)', unit: 'percent', queries: [{ legend: '{{container}}', expr: errorRatioPercent(pods) }], threshold: t.errorRatePercent },
        { title: 'Latency p95', unit: 's', queries: [{ legend: '{{container}}', expr: latencyP95Seconds(pods) }], threshold: t.latencyP95Seconds },
      );
    }
    if (service.component === 'worker') {
      specs.push(
        { title: 'Queue depth', unit: 'short', queries: [{ legend: '{{container}}', expr: queueDepth(pods) }], threshold: t.queueBacklogMessages },
        { title: 'Jobs processed', unit: 'ops', queries: [{ legend: '{{container}}', expr: jobsProcessedRate(pods) }] },
      );
    }
    specs.push(
      { title: 'CPU of limit', unit: 'percent', queries: [{ legend: '{{pod}}', expr: cpuOfLimitPercent(pods) }] },
      { title: 'Memory of limit', unit: 'percent', queries: [{ legend: '{{pod}}', expr: memoryOfLimitPercent(pods) }], threshold: t.memoryLimitPercent },
      {
        title: 'Replicas and autoscaler bounds',
        unit: 'short',
        queries: [
          { legend: 'current {{horizontalpodautoscaler}}', expr: `max by (horizontalpodautoscaler) (${m.hpaCurrentReplicas}{${autoscaler}})` },
          { legend: 'min {{horizontalpodautoscaler}}', expr: `max by (horizontalpodautoscaler) (${m.hpaMinReplicas}{${autoscaler}})` },
          { legend: 'max {{horizontalpodautoscaler}}', expr: `max by (horizontalpodautoscaler) (${m.hpaMaxReplicas}{${autoscaler}})` },
        ],
      },
    );

    this.dashboard = {
      uid: `${environment.name}-${serviceName}`.slice(0, 40),
      title: `${environment.partOf} / ${environment.name} / ${serviceName}`,
      tags: [environment.partOf, environment.name, service.component],
      timezone: 'utc',
      editable: false,
      refresh: '30s',
      time: { from: 'now-6h', to: 'now' },
      schemaVersion,
      templating: {
        list: [{ name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', current: { text: 'default', value: 'default' } }],
      },
      panels: specs.map((spec, index) => timeSeriesPanel(spec, index)),
    };

    const fileName = `${environment.partOf}-${environment.name}-${serviceName}.json`;
    new k8s.KubeConfigMap(this, 'dashboard', {
      metadata: {
        name: `${serviceName}-dashboard`,
        labels: { ...recommendedLabels(serviceIdentity(environment, serviceName)), ...grafanaDashboardLabel },
        // The folder Grafana files the dashboard under, when the sidecar's folderAnnotation is set to it.
        annotations: { grafana_folder: environment.partOf },
      },
      data: { [fileName]: `${JSON.stringify(this.dashboard, null, 2)}\n` },
    });
  }
}

/** Panels two to a row, in the order given. */
function timeSeriesPanel(spec: PanelSpec, index: number): Panel {
  // Grafana's first step stands for -Infinity, which JSON writes as null.
  const thresholdSteps: Threshold[] = [{ color: 'green', value: null }];
  if (spec.threshold !== undefined) thresholdSteps.push({ color: 'red', value: spec.threshold });
  return {
    id: index + 1,
    type: 'timeseries',
    title: spec.title,
    datasource,
    gridPos: { x: (index % 2) * panelWidth, y: Math.floor(index / 2) * panelHeight, w: panelWidth, h: panelHeight },
    fieldConfig: {
      defaults: {
        unit: spec.unit,
        // A type-only import keeps @grafana/schema out of synthesis; the enum's value is its string.
        thresholds: { mode: 'absolute' as ThresholdsConfig['mode'], steps: thresholdSteps },
        custom: spec.threshold === undefined ? {} : { thresholdsStyle: { mode: 'line' } },
      },
      overrides: [],
    },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
    targets: spec.queries.map((query, q) => ({ refId: String.fromCharCode(65 + q), datasource, expr: query.expr, legendFormat: query.legend })),
  };
}
