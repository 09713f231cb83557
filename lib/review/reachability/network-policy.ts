import { BlockList, isIPv6 } from 'node:net';
import type { Endpoint, KubernetesObject, ListeningPort } from './endpoints';
import { selects, type LabelSelector } from './selectors';

/** A NetworkPolicy peer: pods by namespace and pod selectors, or addresses by CIDR. */
interface Peer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

/** A NetworkPolicy port: a number or a container port's name, a protocol (TCP by default), an optional range end. */
interface PolicyPort {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}

interface Rule {
  readonly peers?: readonly Peer[];
  readonly ports?: readonly PolicyPort[];
}

/** One NetworkPolicy, normalized: which pods it isolates, in which directions, and what it allows. */
export interface Policy {
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly ingress?: readonly Rule[];
  readonly egress?: readonly Rule[];
}

/**
 * The NetworkPolicies among `objects`, those without a namespace placed in `defaultNamespace`.
 * `policyTypes` defaults as the API server defaults it: Ingress always, Egress when there are egress rules.
 */
export function networkPolicies(objects: readonly KubernetesObject[], defaultNamespace: string): Policy[] {
  return objects
    .filter((object) => object.kind === 'NetworkPolicy')
    .map((object) => {
      const spec = object.spec ?? {};
      const types: string[] = spec.policyTypes ?? ['Ingress', ...(spec.egress ? ['Egress'] : [])];
      return {
        name: object.metadata?.name ?? '?',
        namespace: object.metadata?.namespace ?? defaultNamespace,
        podSelector: spec.podSelector ?? {},
        ...(types.includes('Ingress') ? { ingress: (spec.ingress ?? []).map((rule: any) => ({ peers: rule.from, ports: rule.ports })) } : {}),
        ...(types.includes('Egress') ? { egress: (spec.egress ?? []).map((rule: any) => ({ peers: rule.to, ports: rule.ports })) } : {}),
      };
    });
}

/** A connection attempt: from a sender to a receiver's port. */
export interface Connection {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: ListeningPort;
}

/**
 * Whether `policies` let `connection` through, with Kubernetes semantics: a pod is isolated in a
 * direction only when some policy of its namespace selects it for that direction, and then a
 * connection passes when any rule of any such policy allows it (policies add up, none denies).
 * Both ends must allow it: the sender's egress and the receiver's ingress. Endpoints that are not
 * pods of the environment are not isolated by its policies.
 */
export function allows(policies: readonly Policy[], connection: Connection): boolean {
  return directionAllows(policies, 'egress', connection.from, connection.to, connection) && directionAllows(policies, 'ingress', connection.to, connection.from, connection);
}

function directionAllows(policies: readonly Policy[], direction: 'ingress' | 'egress', subject: Endpoint, peer: Endpoint, connection: Connection): boolean {
  const pod = subject.pod;
  if (!subject.platform || !pod) return true;
  const isolating = policies.filter((policy) => policy[direction] !== undefined && policy.namespace === pod.namespace && selects(policy.podSelector, pod.labels));
  if (isolating.length === 0) return true;
  return isolating.some((policy) =>
    policy[direction]!.some((rule) => (rule.peers === undefined || rule.peers.length === 0 || rule.peers.some((candidate) => peerMatches(candidate, policy.namespace, peer))) && portMatches(rule.ports, connection)),
  );
}

function peerMatches(peer: Peer, policyNamespace: string, endpoint: Endpoint): boolean {
  if (peer.ipBlock) return endpoint.address !== undefined && inCidr(endpoint.address, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((cidr) => inCidr(endpoint.address!, cidr));
  const pod = endpoint.pod;
  if (!pod) return false;
  // Without a namespaceSelector, a podSelector picks pods of the policy's own namespace.
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, pod.namespaceLabels) : pod.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector === undefined || selects(peer.podSelector, pod.labels));
}

/** No `ports` allows every port; a named port is the receiver's container port of that name. */
function portMatches(ports: readonly PolicyPort[] | undefined, connection: Connection): boolean {
  if (ports === undefined || ports.length === 0) return true;
  const { port, protocol } = connection.port;
  return ports.some((candidate) => {
    if ((candidate.protocol ?? 'TCP') !== protocol) return false;
    if (candidate.port === undefined) return true;
    if (typeof candidate.port === 'string') {
      if (/^\d+$/.test(candidate.port)) return Number(candidate.port) === port;
      const named = connection.to.pod ? connection.to.ports.find((listening) => listening.name === candidate.port && listening.protocol === protocol) : undefined;
      return named !== undefined && named.port === port;
    }
    return candidate.endPort !== undefined ? port >= candidate.port && port <= candidate.endPort : port === candidate.port;
  });
}

/** Whether `address` lies in `cidr` (IPv4 or IPv6); an address of the other family never does. */
export function inCidr(address: string, cidr: string): boolean {
  const [network, prefix] = cidr.split('/');
  const family = isIPv6(network) ? 'ipv6' : 'ipv4';
  if ((isIPv6(address) ? 'ipv6' : 'ipv4') !== family) return false;
  const list = new BlockList();
  list.addSubnet(network, Number(prefix ?? (family === 'ipv6' ? 128 : 32)), family);
  return list.check(address, family);
}
