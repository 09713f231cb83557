import type { BackendConfig, EnvironmentConfig } from '../../config';
import { clusterPods, externalAddress, type Endpoint } from './endpoints';

/**
 * The endpoints outside the environment's namespace that its configuration names, with the labels
 * their usual installations give their pods: the ingress controller (ingress-nginx) and Prometheus
 * in their namespaces, cluster DNS (kube-dns in kube-system), PostgreSQL and Redis (pods of their
 * namespace, or the first address of their CIDRs), object storage and the Kubernetes API (addresses).
 */
export function configuredEndpoints(environment: EnvironmentConfig): Endpoint[] {
  const { network } = environment;
  const tcp = (port: number) => ({ port, protocol: 'TCP' });
  const backend = (name: string, config: BackendConfig): Endpoint =>
    config.namespace !== undefined
      ? clusterPods(name, config.namespace, { 'app.kubernetes.io/name': name }, [tcp(config.port)])
      : // The schema requires cidrs when there is no namespace.
        externalAddress(name, config.cidrs![0], [tcp(config.port)]);
  return [
    clusterPods('ingress-nginx', network.ingressControllerNamespace, { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, [tcp(80), tcp(443)]),
    clusterPods('prometheus', network.monitoringNamespace, { 'app.kubernetes.io/name': 'prometheus' }, [tcp(9090)]),
    clusterPods('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns' }, [{ port: 53, protocol: 'UDP' }, tcp(53)]),
    backend('postgres', network.postgres),
    backend('redis', network.redis),
    externalAddress('object-storage', network.objectStorageCidrs[0], [tcp(443)]),
    externalAddress('kubernetes-api', network.apiServer.cidrs[0], [tcp(network.apiServer.port)]),
  ];
}
