import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { selectorLabels } from '../../lib/constructs/labels';
import { NetworkPolicies } from '../../lib/constructs/network-policies';
import { find, namesOf, ofKind, selects, synthesize, type Manifest } from './fixtures';

const load = (name: string): EnvironmentConfig => loadEnvironment(join(__dirname, '../../environments', `${name}.yaml`));
const build = (environment: EnvironmentConfig) => synthesize((chart) => new NetworkPolicies(chart, 'network-policies', { environment }));

/** The labels a pod of `name` carries (its selector labels are a subset of them). */
const podOf = (name: string, environment: EnvironmentConfig) => ({ ...selectorLabels({ name, environment: environment.name }), 'app.kubernetes.io/component': name });

/** The policies that apply to a pod: those whose podSelector matches its labels. */
function policiesFor(manifests: readonly Manifest[], labels: Record<string, string>): Manifest[] {
  return ofKind(manifests, 'NetworkPolicy').filter((policy) => selects(policy.spec.podSelector.matchLabels ?? {}, labels));
}

/** Every egress rule that applies to the pod, as "destination:port/protocol" strings, sorted. */
function egressOf(manifests: readonly Manifest[], labels: Record<string, string>): string[] {
  const flows: string[] = [];
  for (const policy of policiesFor(manifests, labels)) {
    for (const rule of policy.spec.egress ?? []) {
      for (const peer of rule.to) {
        const destination = peer.ipBlock?.cidr ?? `ns=${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}`;
        for (const port of rule.ports) flows.push(`${destination}:${port.port}/${port.protocol}`);
      }
    }
  }
  return flows.sort();
}

/** Every ingress rule that applies to the pod, as "ns=<source>:port" strings, sorted. */
function ingressOf(manifests: readonly Manifest[], labels: Record<string, string>): string[] {
  const flows: string[] = [];
  for (const policy of policiesFor(manifests, labels)) {
    for (const rule of policy.spec.ingress ?? []) {
      for (const peer of rule.from) {
        for (const port of rule.ports) flows.push(`ns=${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}:${port.port}`);
      }
    }
  }
  return flows.sort();
}

const dns = ['ns=kube-system:53/TCP', 'ns=kube-system:53/UDP'];

describe('NetworkPolicies', () => {
  const environment = load('production');
  const manifests = build(environment);

  it('writes one policy per concern, with stable names', () => {
    expect(namesOf(manifests, 'NetworkPolicy')).toEqual([
      'allow-api-egress',
      'allow-backup-egress',
      'allow-dns',
      'allow-ingress-nginx-to-api',
      'allow-ingress-nginx-to-web',
      'allow-monitoring-to-api',
      'allow-monitoring-to-web',
      'allow-monitoring-to-worker',
      'allow-worker-egress',
      'default-deny',
    ]);
  });

  it('denies all ingress and egress of every pod by default', () => {
    const deny = find(manifests, 'NetworkPolicy', 'default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('lets every pod resolve names through kube-dns over UDP and TCP', () => {
    const allowDns = find(manifests, 'NetworkPolicy', 'allow-dns');
    expect(allowDns.spec.podSelector).toEqual({});
    expect(allowDns.spec.policyTypes).toEqual(['Egress']);
    expect(allowDns.spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ]);
  });

  it('gives each service only the egress it declares', () => {
    expect(egressOf(manifests, podOf('api', environment))).toEqual(['10.0.0.0/28:443/TCP', ...dns, 'ns=database:5432/TCP', 'ns=database:6379/TCP'].sort());
    expect(egressOf(manifests, podOf('worker', environment))).toEqual(['10.20.0.0/16:443/TCP', ...dns, 'ns=database:5432/TCP', 'ns=database:6379/TCP'].sort());
    expect(egressOf(manifests, podOf('web', environment))).toEqual(dns);
    expect(ofKind(manifests, 'NetworkPolicy').map((policy) => policy.metadata.name)).not.toContain('allow-web-egress');
  });

  it('lets only services that use the Kubernetes API reach the API server', () => {
    const changed = load('production');
    changed.network.apiServer = { cidrs: ['172.16.0.10/32'], port: 6443 };
    changed.services.web.kubernetesApi = [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }];
    changed.services.api.kubernetesApi = [];
    const policies = build(changed);
    expect(egressOf(policies, podOf('web', changed))).toEqual(['172.16.0.10/32:6443/TCP', ...dns].sort());
    expect(egressOf(policies, podOf('api', changed))).not.toContain('172.16.0.10/32:6443/TCP');
  });

  it('follows a change of declared egress', () => {
    const changed = load('production');
    changed.services.worker.egress = ['objectStorage'];
    changed.services.web.egress = ['redis'];
    const policies = build(changed);
    expect(egressOf(policies, podOf('worker', changed))).toEqual(['10.20.0.0/16:443/TCP', ...dns]);
    expect(egressOf(policies, podOf('web', changed))).toEqual([...dns, 'ns=database:6379/TCP'].sort());
  });

  it('reaches a backend outside the cluster through its CIDRs, on its port', () => {
    const external = load('staging');
    external.network.postgres = { host: 'db.example.com', port: 6432, cidrs: ['192.168.10.0/24', '10.1.0.0/16'] };
    external.network.objectStorageCidrs = ['172.16.0.0/12', '10.30.0.0/16'];
    expect(egressOf(build(external), podOf('worker', external))).toEqual(
      ['10.1.0.0/16:6432/TCP', '192.168.10.0/24:6432/TCP', '10.30.0.0/16:443/TCP', '172.16.0.0/12:443/TCP', ...dns, 'ns=database:6379/TCP'].sort(),
    );
  });

  it('lets the ingress controller reach only the routed services, on their HTTP port', () => {
    const fromController = (name: string) => ingressOf(manifests, podOf(name, environment)).filter((flow) => flow.startsWith('ns=ingress-nginx:'));
    expect(fromController('api')).toEqual(['ns=ingress-nginx:8080']);
    expect(fromController('web')).toEqual(['ns=ingress-nginx:8080']);
    expect(fromController('worker')).toEqual([]);
  });

  it('lets Prometheus scrape every service on its metrics port', () => {
    const changed = load('production');
    changed.services.api.metricsPort = 9102;
    const policies = build(changed);
    expect(ingressOf(policies, podOf('api', changed))).toEqual(['ns=ingress-nginx:8080', 'ns=monitoring:9102']);
    expect(ingressOf(policies, podOf('worker', changed))).toEqual(['ns=monitoring:9090']);
    expect(ingressOf(policies, podOf('web', changed))).toEqual(['ns=ingress-nginx:8080', 'ns=monitoring:8080']);
  });

  it('uses the configured controller and monitoring namespaces, merging them when they are one', () => {
    const shared = load('development');
    shared.network.ingressControllerNamespace = 'edge';
    shared.network.monitoringNamespace = 'edge';
    shared.services.api.metricsPort = 9100;
    const policies = build(shared);
    expect(find(policies, 'NetworkPolicy', 'allow-edge-to-api').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } } }], ports: [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 9100 }] },
    ]);
    expect(ingressOf(policies, podOf('worker', shared))).toEqual(['ns=edge:9090']);
  });

  it('lets the backup pods reach PostgreSQL, Redis and object storage', () => {
    const backupPod = podOf('backup', environment);
    expect(egressOf(manifests, backupPod)).toEqual(['10.20.0.0/16:443/TCP', ...dns, 'ns=database:5432/TCP', 'ns=database:6379/TCP'].sort());
    expect(ingressOf(manifests, backupPod)).toEqual([]);
  });

  it('refuses a service named "backup" rather than merge its policies with the backups\'', () => {
    const clash = load('development');
    clash.services.backup = clash.services.worker;
    expect(() => build(clash)).toThrow('services.backup: the name "backup" is reserved');
  });

  it('selects service pods by the shared selector labels, whatever their color', () => {
    const policy = find(manifests, 'NetworkPolicy', 'allow-api-egress');
    expect(policy.spec.podSelector).toEqual({ matchLabels: selectorLabels({ name: 'api', environment: 'production' }) });
    expect(selects(policy.spec.podSelector.matchLabels, selectorLabels({ name: 'api', environment: 'production', color: 'green' }))).toBe(true);
    expect(policy.metadata.labels['app.kubernetes.io/name']).toBe('api');
  });
});
