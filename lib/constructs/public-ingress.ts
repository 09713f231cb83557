import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { strategyOf, type EnvironmentConfig } from '../config';
import { previewServiceName } from './blue-green';
import { stableIngressName } from './canary';
import { recommendedLabels } from './labels';
import { portNames } from './ports';
import { serviceIdentity } from './service-identity';

/** Props of {@link PublicIngress}. */
export interface PublicIngressProps {
  /** The environment whose services with an `ingressPath` are published on `ingress.host`. */
  readonly environment: EnvironmentConfig;
}

/** One published path and the Service behind it. */
interface Route {
  readonly path: string;
  readonly serviceObjectName: string;
}

/**
 * The environment's public entry point: a networking.k8s.io/v1 Ingress named after `partOf` that
 * routes each service's `ingressPath` on `ingress.host` to the service's `http` port, with TLS from
 * cert-manager and nginx's redirect, rate limit, body size and timeouts. Each blue/green service
 * with a path also gets `<service>-preview` on its `previewHost`, routing to its preview Service, so
 * that the idle color can be smoke-tested through the same edge before promotion.
 * A canary service gets an Ingress of its own, `<service>`, on the same host with its path alone,
 * routing to its stable Service: its Rollout has ingress-nginx split that Ingress's traffic through a
 * canary copy, which must carry no other service's path. One Ingress per host asks cert-manager for
 * the certificate (the shared one, else the first canary's); the others name the same TLS Secret.
 * An environment without any `ingressPath` gets no Ingress.
 */
export class PublicIngress extends Construct {
  constructor(scope: Construct, id: string, props: PublicIngressProps) {
    super(scope, id);
    const { environment } = props;
    const published = Object.keys(environment.services)
      .sort()
      .flatMap((name) => {
        const path = environment.services[name].ingressPath;
        return path === undefined ? [] : [{ name, path }];
      });

    this.node.addValidation({ validate: () => duplicatePaths(published) });
    if (published.length === 0) return;

    const identity = { name: 'ingress', component: 'ingress', partOf: environment.partOf, environment: environment.name };
    const isCanary = (name: string) => strategyOf(environment, name) === 'canary';
    const shared = published.filter(({ name }) => !isCanary(name));
    const host = environment.ingress.host;
    if (shared.length > 0) {
      const routes = shared.map(({ name, path }) => ({ path, serviceObjectName: name }));
      publicIngress(this, 'public', environment, environment.partOf, recommendedLabels(identity), host, routes);
    }
    published
      .filter(({ name }) => isCanary(name))
      .forEach(({ name, path }, index) => {
        const labels = recommendedLabels(serviceIdentity(environment, name));
        const requestsCertificate = shared.length === 0 && index === 0;
        publicIngress(this, `${name}-stable`, environment, stableIngressName(name), labels, host, [{ path, serviceObjectName: name }], requestsCertificate);
      });

    for (const { name, path } of published) {
      const blueGreen = Object.hasOwn(environment.blueGreen, name) ? environment.blueGreen[name] : undefined;
      if (blueGreen === undefined) continue;
      const labels = recommendedLabels(serviceIdentity(environment, name));
      const preview = previewServiceName(name);
      publicIngress(this, preview, environment, preview, labels, blueGreen.previewHost, [{ path, serviceObjectName: preview }]);
    }
  }
}

/** The Secret cert-manager writes the certificate of `host` into: `api.example.com` → `api-example-com-tls`. */
export function tlsSecretName(host: string): string {
  return `${host.replace(/\./g, '-')}-tls`;
}

function publicIngress(
  scope: Construct,
  id: string,
  environment: EnvironmentConfig,
  name: string,
  labels: Record<string, string>,
  host: string,
  routes: readonly Route[],
  requestsCertificate = true,
): k8s.KubeIngress {
  const { ingress } = environment;
  return new k8s.KubeIngress(scope, id, {
    metadata: {
      name,
      labels,
      annotations: {
        ...(requestsCertificate ? { 'cert-manager.io/cluster-issuer': ingress.clusterIssuer } : {}),
        'nginx.ingress.kubernetes.io/limit-rpm': String(ingress.rateLimitPerMinute),
        'nginx.ingress.kubernetes.io/proxy-body-size': ingress.proxyBodySize,
        'nginx.ingress.kubernetes.io/proxy-read-timeout': String(ingress.timeoutSeconds),
        'nginx.ingress.kubernetes.io/proxy-send-timeout': String(ingress.timeoutSeconds),
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      },
    },
    spec: {
      ingressClassName: ingress.className,
      tls: [{ hosts: [host], secretName: tlsSecretName(host) }],
      rules: [
        {
          host,
          http: {
            paths: [...routes].sort(mostSpecificFirst).map((route) => ({
              path: route.path,
              pathType: 'Prefix',
              backend: { service: { name: route.serviceObjectName, port: { name: portNames.http } } },
            })),
          },
        },
      ],
    },
  });
}

/**
 * Longer paths first, then alphabetical. Prefix matching picks the longest match whatever the order;
 * the order is for readers and for a stable output.
 */
function mostSpecificFirst(a: Route, b: Route): number {
  if (a.path.length !== b.path.length) return b.path.length - a.path.length;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function duplicatePaths(published: readonly { name: string; path: string }[]): string[] {
  const owners = new Map<string, string[]>();
  for (const { name, path } of published) owners.set(path, [...(owners.get(path) ?? []), name]);
  return [...owners.entries()]
    .filter(([, names]) => names.length > 1)
    .map(([path, names]) => `services.${names[1]}.ingressPath: "${path}" is also the path of ${names[0]}; give each service its own path`);
}
