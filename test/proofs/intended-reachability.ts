import type { EnvironmentConfig } from '../../lib/config';
import { describeFlow } from '../../lib/review/reachability';

/**
 * The connections the platform means to allow, written from its documented design (README, "Add
 * a service"), not from the NetworkPolicies: every pod resolves names through kube-dns; the ingress
 * controller reaches each routed service's port; Prometheus reaches each service's metrics port;
 * each service reaches the backends in its `egress` and the Kubernetes API when it declares
 * `kubernetesApi`; the backup pods reach PostgreSQL, Redis and object storage; the database
 * migration (README, "Database migrations"), when configured, reaches PostgreSQL. Nothing else.
 * Returned as sorted `from → to:port[/UDP]` strings.
 */
export function intendedConnections(environment: EnvironmentConfig): string[] {
  const { network } = environment;
  const backendPorts = { postgres: network.postgres.port, redis: network.redis.port, objectStorage: 443 };
  const backendNames = { postgres: 'postgres', redis: 'redis', objectStorage: 'object-storage' };
  const flows: { from: string; to: string; port: number; protocol: string }[] = [];
  const tcp = (from: string, to: string, port: number) => flows.push({ from, to, port, protocol: 'TCP' });
  const workloads = [...Object.keys(environment.services), 'backup', ...(environment.migrations ? ['db-migrate'] : [])];
  for (const workload of workloads) {
    flows.push({ from: workload, to: 'kube-dns', port: 53, protocol: 'UDP' });
    tcp(workload, 'kube-dns', 53);
  }
  for (const [name, service] of Object.entries(environment.services)) {
    if (service.ingressPath !== undefined && service.port !== undefined) tcp('ingress-nginx', name, service.port);
    tcp('prometheus', name, service.metricsPort);
    for (const backend of service.egress) tcp(name, backendNames[backend], backendPorts[backend]);
    if (service.kubernetesApi.length > 0) tcp(name, 'kubernetes-api', network.apiServer.port);
  }
  for (const backend of ['postgres', 'redis', 'objectStorage'] as const) tcp('backup', backendNames[backend], backendPorts[backend]);
  if (environment.migrations) tcp('db-migrate', 'postgres', network.postgres.port);
  return [...new Set(flows.map(describeFlow))].sort();
}
