import type { EnvironmentConfig } from '../../lib/config';
import { PublicIngress, tlsSecretName } from '../../lib/constructs/public-ingress';
import { find, namesOf, plainEnvironment, productionEnvironment, synthesize, validationErrors, type Manifest } from './fixtures';

const build = (environment: EnvironmentConfig): Manifest[] => synthesize((chart) => new PublicIngress(chart, 'ingress', { environment }));

const routesOf = (ingress: Manifest) =>
  ingress.spec.rules.flatMap((rule: Manifest) =>
    rule.http.paths.map((path: Manifest) => `${rule.host}${path.path} ${path.pathType} -> ${path.backend.service.name}:${path.backend.service.port.name}`),
  );

describe('PublicIngress', () => {
  it('with minimal props (no blue/green) routes each published path on the host, most specific first', () => {
    const manifests = build(plainEnvironment());
    expect(namesOf(manifests, 'Ingress')).toEqual(['video-platform']);
    const ingress = find(manifests, 'Ingress', 'video-platform');
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(routesOf(ingress)).toEqual(['api.example.com/api Prefix -> api:http', 'api.example.com/ Prefix -> web:http']);
  });

  it('with all props adds a preview Ingress per blue/green service, routing its path to the preview Service', () => {
    const manifests = build(productionEnvironment());
    expect(namesOf(manifests, 'Ingress')).toEqual(['api-preview', 'video-platform']);
    expect(routesOf(find(manifests, 'Ingress', 'api-preview'))).toEqual(['preview-api.example.com/api Prefix -> api-preview:http']);
  });

  it('terminates TLS for every host with a cert-manager certificate', () => {
    for (const ingress of build(productionEnvironment())) {
      const hosts = ingress.spec.rules.map((rule: Manifest) => rule.host);
      expect(ingress.spec.tls).toEqual(hosts.map((host: string) => ({ hosts: [host], secretName: tlsSecretName(host) })));
      expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    }
    expect(tlsSecretName('preview-api.example.com')).toBe('preview-api-example-com-tls');
  });

  it('sets nginx redirect, rate limit, body size and timeouts from the configuration', () => {
    const environment = productionEnvironment();
    environment.ingress = { ...environment.ingress, rateLimitPerMinute: 600, proxyBodySize: '2g', timeoutSeconds: 90, className: 'public' };
    for (const ingress of build(environment)) {
      expect(ingress.spec.ingressClassName).toBe('public');
      expect(ingress.metadata.annotations).toEqual({
        'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
        'nginx.ingress.kubernetes.io/limit-rpm': '600',
        'nginx.ingress.kubernetes.io/proxy-body-size': '2g',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '90',
        'nginx.ingress.kubernetes.io/proxy-send-timeout': '90',
      });
    }
  });

  it('writes no Ingress when no service is published', () => {
    const environment = productionEnvironment();
    for (const service of Object.values(environment.services)) service.ingressPath = undefined;
    expect(build(environment)).toEqual([]);
  });

  it('reports two services on the same path', () => {
    const environment = plainEnvironment();
    environment.services.web.ingressPath = '/api';
    expect(validationErrors((chart) => new PublicIngress(chart, 'ingress', { environment }))).toEqual([
      'services.web.ingressPath: "/api" is also the path of api; give each service its own path',
    ]);
    expect(validationErrors((chart) => new PublicIngress(chart, 'ingress', { environment: plainEnvironment() }))).toEqual([]);
  });
});
