import { allows, clusterPods, externalAddress, inCidr, networkPolicies, selects, type Endpoint, type KubernetesObject } from '../../lib/review/reachability';

const namespace = 'app';
const pod = (name: string, labels: Record<string, string>, ports: Endpoint['ports'] = [{ port: 8080, protocol: 'TCP', name: 'http' }]): Endpoint => ({
  name,
  platform: true,
  pod: { namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace, team: 'video' }, labels },
  ports,
});
const api = pod('api', { app: 'api', tier: 'backend' });
const web = pod('web', { app: 'web', tier: 'frontend' });
const monitoring = clusterPods('prometheus', 'monitoring', { app: 'prometheus' }, [{ port: 9090, protocol: 'TCP' }]);
const storage = externalAddress('object-storage', '10.20.0.0/16', [{ port: 443, protocol: 'TCP' }]);

const policy = (name: string, spec: object): KubernetesObject => ({ kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
const denyAll = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const can = (objects: KubernetesObject[], from: Endpoint, to: Endpoint, port = to.ports[0]) => allows(networkPolicies(objects, namespace), { from, to, port });

describe('NetworkPolicy semantics of the reachability model', () => {
  it('allows everything without policies, and isolates only the pods a policy selects', () => {
    expect(can([], web, api)).toBe(true);
    const isolateApi = policy('api-only', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] });
    expect(can([isolateApi], web, api)).toBe(false);
    expect(can([isolateApi], api, web)).toBe(true);
  });

  it('defaults policyTypes to Ingress, plus Egress when egress rules exist', () => {
    const ingressOnly = policy('p', { podSelector: {} });
    expect(can([ingressOnly], web, api)).toBe(false);
    expect(can([ingressOnly], api, storage)).toBe(true);
    const withEgress = policy('p', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '192.0.2.0/24' } }] }] });
    expect(can([withEgress], api, storage)).toBe(false);
  });

  it('adds policies up: a connection passes when any rule of any selecting policy allows it', () => {
    const fromWeb = policy('from-web', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] });
    const webEgress = policy('web-egress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }] });
    expect(can([denyAll, fromWeb], web, api)).toBe(false);
    expect(can([denyAll, fromWeb, webEgress], web, api)).toBe(true);
  });

  it('matches pod selectors in the policy namespace only, and namespace and pod selectors together', () => {
    const sameNamespace = policy('p', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'prometheus' } } }] }] });
    expect(can([sameNamespace], monitoring, api, api.ports[0])).toBe(false);
    const both = policy('p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }] }] });
    expect(can([both], monitoring, api)).toBe(true);
    expect(can([both], clusterPods('other', 'monitoring', { app: 'grafana' }, []), api)).toBe(false);
  });

  it('evaluates matchExpressions (In, NotIn, Exists, DoesNotExist)', () => {
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, { tier: 'backend' })).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, {})).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, {})).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, { tier: 'backend' })).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: 'x' })).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { tier: 'x' })).toBe(false);
    expect(() => selects({ matchExpressions: [{ key: 'tier', operator: 'Equals' }] }, {})).toThrow(/unknown operator "Equals"/);
  });

  it('matches ports by number, protocol (TCP by default), endPort range and container port name', () => {
    const onPorts = (ports: object[]) => [policy('p', { podSelector: {}, ingress: [{ ports }] })];
    expect(can(onPorts([{ port: 8080 }]), web, api)).toBe(true);
    expect(can(onPorts([{ port: 8080, protocol: 'UDP' }]), web, api)).toBe(false);
    expect(can(onPorts([{ port: 8000, endPort: 8100 }]), web, api)).toBe(true);
    expect(can(onPorts([{ port: 8000, endPort: 8079 }]), web, api)).toBe(false);
    expect(can(onPorts([{ port: 'http' }]), web, api)).toBe(true);
    expect(can(onPorts([{ port: 'metrics' }]), web, api)).toBe(false);
  });

  it('matches ipBlock addresses, minus except, and never pods', () => {
    const egressTo = (ipBlock: object) => [policy('p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock }] }] })];
    expect(can(egressTo({ cidr: '10.0.0.0/8' }), api, storage)).toBe(true);
    expect(can(egressTo({ cidr: '10.0.0.0/8', except: ['10.20.0.0/16'] }), api, storage)).toBe(false);
    expect(can(egressTo({ cidr: '0.0.0.0/0' }), api, web)).toBe(false);
    expect(inCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(inCidr('10.0.0.1', '2001:db8::/32')).toBe(false);
  });
});
