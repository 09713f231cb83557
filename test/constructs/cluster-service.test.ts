import { ClusterService } from '../../lib/constructs/cluster-service';
import { find, plainEnvironment, synthesize } from './fixtures';

describe('ClusterService', () => {
  it('with minimal props routes the http port to every pod of the service', () => {
    const manifests = synthesize((chart) => new ClusterService(chart, 's', { environment: plainEnvironment(), serviceName: 'web' }));
    const service = find(manifests, 'Service', 'web');
    expect(service.spec).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-production' },
      ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(service.metadata.labels.color).toBeUndefined();
  });

  it('with all props takes its name and a color, and adds a separate metrics port', () => {
    const environment = plainEnvironment();
    environment.services.web.metricsPort = 9100;
    const manifests = synthesize((chart) => new ClusterService(chart, 's', { environment, serviceName: 'web', name: 'web-preview', color: 'green' }));
    const service = find(manifests, 'Service', 'web-preview');
    expect(service.spec.selector.color).toBe('green');
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
      { name: 'metrics', port: 9100, targetPort: 'metrics', protocol: 'TCP' },
    ]);
  });

  it('refuses a service without a port', () => {
    expect(() => synthesize((chart) => new ClusterService(chart, 's', { environment: plainEnvironment(), serviceName: 'worker' }))).toThrow(
      'service "worker" has no port',
    );
  });
});
