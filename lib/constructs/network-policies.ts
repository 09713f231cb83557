import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { BackendConfig, EgressTarget, EnvironmentConfig } from '../config';
import { assertBackupNameFree, backupName } from './backup';
import { recommendedLabels, selectorLabels, type LabelIdentity } from './labels';
import { namespaceNameLabel } from './namespace';
import { serviceIdentity } from './service-identity';

/** Props of {@link NetworkPolicies}. */
export interface NetworkPoliciesProps {
  /** The environment whose namespace the policies guard. */
  readonly environment: EnvironmentConfig;
}

/** Object storage is reached over HTTPS only. */
const objectStoragePort = 443;

/** Where a pod may connect: a declared backend, or the Kubernetes API for services that use it. */
export type EgressDestination = EgressTarget | 'apiServer';

/** The backends a backup pod reads from and writes to. */
const backupEgress: readonly EgressTarget[] = ['objectStorage', 'postgres', 'redis'];

/**
 * Zero trust inside the namespace: everything is denied, then each flow the platform needs is
 * allowed by one policy named for it. The flows are: DNS for every pod; the ingress controller to
 * each routed service's HTTP port; Prometheus to each service's metrics port; each service to the
 * backends it declares in `egress`, and to the Kubernetes API when it declares `kubernetesApi`; and the backup pods to PostgreSQL, Redis and object storage.
 * Services do not talk to each other: the browser reaches the api through the ingress controller.
 */
export class NetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const { environment } = props;
    assertBackupNameFree(environment);
    const { network } = environment;
    const platformLabels = recommendedLabels({ name: 'network-policies', component: 'network-policy', partOf: environment.partOf, environment: environment.name });

    this.policy('default-deny', platformLabels, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    this.policy('allow-dns', platformLabels, {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: namespaceSelector('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [port(53, 'UDP'), port(53, 'TCP')],
        },
      ],
    });

    for (const serviceName of Object.keys(environment.services).sort()) {
      const service = environment.services[serviceName];
      const labels = recommendedLabels(serviceIdentity(environment, serviceName));
      const podSelector = { matchLabels: selectorLabels({ name: serviceName, environment: environment.name }) };
      const allowedPorts = new Map<string, Set<number>>();
      const allow = (sourceNamespace: string, targetPort: number) =>
        allowedPorts.set(sourceNamespace, (allowedPorts.get(sourceNamespace) ?? new Set()).add(targetPort));
      if (service.ingressPath !== undefined && service.port !== undefined) allow(network.ingressControllerNamespace, service.port);
      allow(network.monitoringNamespace, service.metricsPort);
      for (const sourceNamespace of [...allowedPorts.keys()].sort()) {
        this.ingressFrom(sourceNamespace, serviceName, labels, podSelector, [...(allowedPorts.get(sourceNamespace) ?? [])]);
      }
      const apiServer: EgressDestination[] = service.kubernetesApi.length > 0 ? ['apiServer'] : [];
      this.egressTo(serviceName, labels, podSelector, [...service.egress, ...apiServer], environment);
    }

    const backup: LabelIdentity = { name: backupName, component: backupName, partOf: environment.partOf, environment: environment.name };
    const backupPods = { matchLabels: selectorLabels(backup) };
    this.egressTo(backupName, recommendedLabels(backup), backupPods, backupEgress, environment);
  }

  /**
   * `allow-<namespace>-to-<service>`: pods of `sourceNamespace` may reach the service's pods on
   * `targetPorts` (one policy per source, so an ingress controller and Prometheus sharing a namespace
   * get one policy with both ports).
   */
  private ingressFrom(sourceNamespace: string, serviceName: string, labels: Record<string, string>, podSelector: k8s.LabelSelector, targetPorts: number[]): void {
    this.policy(`allow-${sourceNamespace}-to-${serviceName}`, labels, {
      podSelector,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: namespaceSelector(sourceNamespace) }], ports: targetPorts.sort((a, b) => a - b).map((number) => port(number, 'TCP')) }],
    });
  }

  /** `allow-<name>-egress`: one rule per declared backend, in name order; nothing when none is declared. */
  private egressTo(name: string, labels: Record<string, string>, podSelector: k8s.LabelSelector, targets: readonly EgressDestination[], environment: EnvironmentConfig): void {
    const unique = [...new Set(targets)].sort();
    if (unique.length === 0) return;
    this.policy(`allow-${name}-egress`, labels, {
      podSelector,
      policyTypes: ['Egress'],
      egress: unique.map((target) => egressRule(target, environment)),
    });
  }

  private policy(name: string, labels: Record<string, string>, spec: k8s.NetworkPolicySpec): void {
    new k8s.KubeNetworkPolicy(this, name, { metadata: { name, labels }, spec });
  }
}

/** The egress rule that lets a pod reach `target`, as configured in `environment.network`. */
export function egressRule(target: EgressDestination, environment: EnvironmentConfig): k8s.NetworkPolicyEgressRule {
  const { network } = environment;
  switch (target) {
    case 'postgres':
      return backendRule(network.postgres);
    case 'redis':
      return backendRule(network.redis);
    case 'objectStorage':
      return { to: ipBlocks(network.objectStorageCidrs), ports: [port(objectStoragePort, 'TCP')] };
    case 'apiServer':
      return { to: ipBlocks(network.apiServer.cidrs), ports: [port(network.apiServer.port, 'TCP')] };
  }
}

/** A backend in the cluster is reached through its namespace's pods; one outside it through its CIDRs. */
function backendRule(backend: BackendConfig): k8s.NetworkPolicyEgressRule {
  const to = backend.namespace !== undefined ? [{ namespaceSelector: namespaceSelector(backend.namespace) }] : ipBlocks(backend.cidrs ?? []);
  return { to, ports: [port(backend.port, 'TCP')] };
}

function ipBlocks(cidrs: readonly string[]): k8s.NetworkPolicyPeer[] {
  return [...cidrs].sort().map((cidr) => ({ ipBlock: { cidr } }));
}

function namespaceSelector(namespace: string): k8s.LabelSelector {
  return { matchLabels: { [namespaceNameLabel]: namespace } };
}

function port(number: number, protocol: 'TCP' | 'UDP'): k8s.NetworkPolicyPort {
  return { protocol, port: k8s.IntOrString.fromNumber(number) };
}
