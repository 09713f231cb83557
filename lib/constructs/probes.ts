import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import type { ServiceConfig } from '../config';

/** Startup, liveness and readiness probes of a service's container. */
export interface ContainerProbes {
  readonly startupProbe: k8s.Probe;
  readonly livenessProbe: k8s.Probe;
  readonly readinessProbe: k8s.Probe;
}

/**
 * HTTP probes on the container's named port: `http`, or `metrics` for a service without an HTTP
 * port (the worker still serves /health next to its metrics). The startup probe uses the liveness
 * path and allows up to 150 s to start, so that the liveness probe can stay strict without killing
 * slow starters.
 */
export function containerProbes(service: ServiceConfig, portName: string): ContainerProbes {
  const port = k8s.IntOrString.fromString(portName);
  const get = (path: string): k8s.HttpGetAction => ({ path, port, scheme: 'HTTP' });
  return {
    startupProbe: { httpGet: get(service.probes.liveness), periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 30 },
    livenessProbe: { httpGet: get(service.probes.liveness), periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    readinessProbe: { httpGet: get(service.probes.readiness), periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
  };
}
