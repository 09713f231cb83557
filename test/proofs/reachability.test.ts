import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { EnvironmentChart } from '../../lib/constructs/environment-chart';
import { configuredEndpoints, describeFlow, reachabilityMatrix, type Flow } from '../../lib/review/reachability';
import { Testing } from 'cdk8s';
import { generatedEnvironments, generatedObjects } from './generated-objects';
import { intendedConnections } from './intended-reachability';

const loadConfig = (environment: string): EnvironmentConfig => loadEnvironment(join(__dirname, '../../environments', `${environment}.yaml`));

const allowed = (flows: readonly Flow[]): string[] => flows.filter((flow) => flow.allowed).map(describeFlow).sort();
const verdict = (flows: readonly Flow[], connection: string): boolean | undefined => flows.find((flow) => describeFlow(flow) === connection)?.allowed;

describe.each(generatedEnvironments())('network reachability of dist/%s', (environment) => {
  const config = loadConfig(environment);
  const flows = reachabilityMatrix(generatedObjects(environment), config.namespace, configuredEndpoints(config));

  it('allows exactly the intended connections and denies every other one', () => {
    expect(allowed(flows)).toEqual(intendedConnections(config));
    expect(flows.filter((flow) => !flow.allowed).length).toBeGreaterThan(allowed(flows).length);
  });

  it('lets the ingress controller reach the routed services, and nothing reach the databases but their clients', () => {
    expect(verdict(flows, 'ingress-nginx → api:8080')).toBe(true);
    expect(verdict(flows, 'ingress-nginx → web:8080')).toBe(true);
    expect(verdict(flows, 'ingress-nginx → worker:9090')).toBe(false);
    expect(verdict(flows, 'web → postgres:5432')).toBe(false);
    expect(verdict(flows, 'web → api:8080')).toBe(false);
    expect(verdict(flows, 'worker → object-storage:443')).toBe(true);
    expect(verdict(flows, 'api → object-storage:443')).toBe(false);
    expect(verdict(flows, 'backup → postgres:5432')).toBe(true);
    expect(verdict(flows, 'web → kube-dns:53/UDP')).toBe(true);
  });
});

describe('network reachability of a service added by configuration', () => {
  it('gives the new service its rows: routed, scraped, its backends, and denied elsewhere', () => {
    const config = loadConfig('production');
    config.services.search = {
      ...config.services.web,
      component: 'api',
      image: 'registry.example.com/video-platform/search:0.1.0',
      port: 8081,
      metricsPort: 8081,
      ingressPath: '/search',
      egress: ['postgres'],
      kubernetesApi: [],
    };
    const chart = new EnvironmentChart(Testing.app(), { environment: config });
    const flows = reachabilityMatrix(Testing.synth(chart), config.namespace, configuredEndpoints(config));
    expect(allowed(flows)).toEqual(intendedConnections(config));
    expect(allowed(flows).filter((flow) => flow.includes('search'))).toEqual([
      'ingress-nginx → search:8081',
      'prometheus → search:8081',
      'search → kube-dns:53',
      'search → kube-dns:53/UDP',
      'search → postgres:5432',
    ]);
    expect(verdict(flows, 'search → redis:6379')).toBe(false);
    expect(verdict(flows, 'api → search:8081')).toBe(false);
  });
});
