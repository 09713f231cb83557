import { Construct } from 'constructs';
import { strategyOf, type EnvironmentConfig } from '../config';
import { podTemplateHashLabel } from './analysis-template';
import { PodMonitor } from './crds/pod-monitor';
import { ServiceMonitor } from './crds/service-monitor';
import { labelKeys, recommendedLabels, selectorLabels } from './labels';
import { metricsPortName } from './ports';
import { serviceConfigOf, serviceIdentity } from './service-identity';

/** Props of {@link MetricsMonitor}. */
export interface MetricsMonitorProps {
  /** The environment the service runs in. */
  readonly environment: EnvironmentConfig;
  /** The service (a key of `environment.services`) to scrape; the monitor is named after it. */
  readonly serviceName: string;
}

/** Pod labels copied onto every scraped series, so dashboards can tell versions and colors apart. */
const podTargetLabels = [labelKeys.version, labelKeys.color].sort();

/** A canary's series also carry the pod-template hash, by which its analysis tells canary from stable. */
const canaryPodTargetLabels = [...podTargetLabels, podTemplateHashLabel].sort();

/**
 * How Prometheus finds a service's metrics. A service with a port has Services, so a ServiceMonitor
 * selects them by the service's labels: for blue/green that is both the active and the preview
 * Service, which between them cover each running color exactly once. A service without a port (the
 * worker) gets a PodMonitor rather than a headless Service created only for scraping: one object
 * instead of two, and nothing else could mistake it for a way to reach the worker. A canary service
 * gets a PodMonitor too: its stable and canary Services select the same pods whenever no release is
 * in progress, so a ServiceMonitor would scrape each pod twice and double every rate.
 */
export class MetricsMonitor extends Construct {
  constructor(scope: Construct, id: string, props: MetricsMonitorProps) {
    super(scope, id);
    const { environment, serviceName } = props;
    const service = serviceConfigOf(environment, serviceName);
    const metadata = { name: serviceName, labels: recommendedLabels(serviceIdentity(environment, serviceName)) };
    const selector = { matchLabels: selectorLabels({ name: serviceName, environment: environment.name }) };
    const endpoint = { port: metricsPortName(service), path: service.metricsPath, scheme: 'http' as const };

    const isCanary = strategyOf(environment, serviceName) === 'canary';
    if (service.port !== undefined && !isCanary) {
      new ServiceMonitor(this, 'service-monitor', { metadata, spec: { selector, endpoints: [endpoint], podTargetLabels } });
    } else {
      const labels = isCanary ? canaryPodTargetLabels : podTargetLabels;
      new PodMonitor(this, 'pod-monitor', { metadata, spec: { selector, podMetricsEndpoints: [endpoint], podTargetLabels: labels } });
    }
  }
}
