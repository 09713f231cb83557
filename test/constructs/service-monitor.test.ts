import { MetricsMonitor } from '../../lib/constructs/service-monitor';
import { find, ofKind, plainEnvironment, synthesize } from './fixtures';

const build = (serviceName: string, environment = plainEnvironment()) =>
  synthesize((chart) => new MetricsMonitor(chart, 'monitor', { environment, serviceName }));

describe('MetricsMonitor', () => {
  it('scrapes a service with a port through its Services, on the http port when metrics share it', () => {
    const manifests = build('web');
    expect(ofKind(manifests, 'PodMonitor')).toEqual([]);
    const monitor = find(manifests, 'ServiceMonitor', 'web');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-production' } });
    expect(monitor.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', scheme: 'http' }]);
  });

  it('scrapes the metrics port and path when they are separate', () => {
    const environment = plainEnvironment();
    environment.services.web.metricsPort = 9100;
    environment.services.web.metricsPath = '/internal/metrics';
    expect(find(build('web', environment), 'ServiceMonitor', 'web').spec.endpoints).toEqual([
      { port: 'metrics', path: '/internal/metrics', scheme: 'http' },
    ]);
  });

  it('scrapes a service without a port (the worker) through a PodMonitor on its metrics port', () => {
    const manifests = build('worker');
    expect(ofKind(manifests, 'ServiceMonitor')).toEqual([]);
    const monitor = find(manifests, 'PodMonitor', 'worker');
    expect(monitor.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/instance': 'worker-production' });
    expect(monitor.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/metrics', scheme: 'http' }]);
    expect(monitor.spec.podTargetLabels).toEqual(['app.kubernetes.io/version', 'color']);
  });
});
