import { workloadEndpoints, type Endpoint, type KubernetesObject } from './endpoints';
import { allows, networkPolicies } from './network-policy';

/** One row of the reachability matrix: may `from` open a connection to `to` on `port`/`protocol`? */
export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly allowed: boolean;
}

/** `api → redis:6379` (`/UDP` added for UDP). */
export function describeFlow(flow: Pick<Flow, 'from' | 'to' | 'port' | 'protocol'>): string {
  return `${flow.from} → ${flow.to}:${flow.port}${flow.protocol === 'TCP' ? '' : `/${flow.protocol}`}`;
}

/**
 * Every connection between the environment's workloads (from `objects`, in `namespace`) and the
 * other endpoints, to each port the receiver listens on, with whether the NetworkPolicies among
 * `objects` allow it. Connections between two endpoints outside the environment are left out (its
 * policies do not govern them), as are a workload's connections to itself. Sorted.
 */
export function reachabilityMatrix(objects: readonly KubernetesObject[], namespace: string, others: readonly Endpoint[]): Flow[] {
  const policies = networkPolicies(objects, namespace);
  const endpoints = [...workloadEndpoints(objects, namespace), ...others];
  const names = new Set<string>();
  for (const endpoint of endpoints) {
    if (names.has(endpoint.name)) throw new Error(`reachability: two endpoints are named "${endpoint.name}" in namespace ${namespace}; a workload may not share a name with ${others.map((other) => other.name).join(', ')}`);
    names.add(endpoint.name);
  }
  const flows: Flow[] = [];
  for (const from of endpoints) {
    for (const to of endpoints) {
      if (from === to || (!from.platform && !to.platform)) continue;
      for (const port of to.ports) flows.push({ from: from.name, to: to.name, port: port.port, protocol: port.protocol, allowed: allows(policies, { from, to, port }) });
    }
  }
  return flows.sort(compareFlows);
}

/** What a change of the policies (or workloads) does to reachability. */
export interface ReachabilityChange {
  /** Connections allowed now that were denied, or did not exist, before. */
  readonly opened: readonly Flow[];
  /** Connections allowed before that are denied, or no longer exist, now. */
  readonly closed: readonly Flow[];
}

/** The connections `after` allows that `before` did not, and the reverse; sorted. */
export function reachabilityChange(before: readonly Flow[], after: readonly Flow[]): ReachabilityChange {
  const allowedKeys = (flows: readonly Flow[]) => new Set(flows.filter((flow) => flow.allowed).map(describeFlow));
  const wasAllowed = allowedKeys(before);
  const isAllowed = allowedKeys(after);
  return {
    opened: after.filter((flow) => flow.allowed && !wasAllowed.has(describeFlow(flow))),
    closed: before.filter((flow) => flow.allowed && !isAllowed.has(describeFlow(flow))),
  };
}

function compareFlows(a: Flow, b: Flow): number {
  return a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.port - b.port || a.protocol.localeCompare(b.protocol);
}
