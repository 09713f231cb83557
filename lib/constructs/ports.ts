import type { ServiceConfig } from '../config';

/** Names of the container and Service ports; probes, Services, monitors and Ingresses refer to ports by these names. */
export const portNames = { http: 'http', metrics: 'metrics' } as const;

/** A named port of a service. */
export interface NamedPort {
  readonly name: string;
  readonly port: number;
}

/**
 * The service's named ports: `http` when it has an HTTP port, and `metrics` when metrics are served
 * on a port of their own. A service whose metrics share the HTTP port has only `http`.
 */
export function namedPorts(service: ServiceConfig): NamedPort[] {
  const ports: NamedPort[] = [];
  if (service.port !== undefined) ports.push({ name: portNames.http, port: service.port });
  if (service.metricsPort !== service.port) ports.push({ name: portNames.metrics, port: service.metricsPort });
  return ports;
}

/** The port probes call: the HTTP port, or the metrics port of a service without one (the worker). */
export function probePortName(service: ServiceConfig): string {
  return service.port !== undefined ? portNames.http : portNames.metrics;
}

/** The port Prometheus scrapes. */
export function metricsPortName(service: ServiceConfig): string {
  return service.metricsPort === service.port ? portNames.http : portNames.metrics;
}
