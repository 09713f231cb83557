import type { Labels } from './selectors';

/** A port an endpoint listens on; `name` is the container port's name, for named ports in policies. */
export interface ListeningPort {
  readonly port: number;
  readonly protocol: string;
  readonly name?: string;
}

/**
 * Something that sends or receives traffic: pods (of a platform workload, or of a cluster component
 * in another namespace), or an address outside the cluster's pods.
 */
export interface Endpoint {
  /** How reports name it: `api`, `postgres`, `ingress-nginx`. */
  readonly name: string;
  /** True for the environment's own workloads, which its NetworkPolicies can select. */
  readonly platform: boolean;
  /** For pods: their namespace, its labels and the pods' labels. */
  readonly pod?: { readonly namespace: string; readonly namespaceLabels: Labels; readonly labels: Labels };
  /** For an address outside the pod network (matched by `ipBlock`). */
  readonly address?: string;
  readonly ports: readonly ListeningPort[];
}

/** A loosely typed Kubernetes object, as read from a manifest. */
export interface KubernetesObject {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Labels };
  readonly spec?: any;
}

/** The label naming a namespace, set by the API server on every namespace. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

/** Where each workload kind keeps its pod template. */
const podTemplate: Readonly<Record<string, (spec: any) => any>> = {
  Deployment: (spec) => spec?.template,
  StatefulSet: (spec) => spec?.template,
  DaemonSet: (spec) => spec?.template,
  Job: (spec) => spec?.template,
  CronJob: (spec) => spec?.jobTemplate?.spec?.template,
  // Argo Rollouts' Rollout (canary releases) holds a Deployment's pod template.
  Rollout: (spec) => spec?.template,
};

/**
 * The workloads among `objects` (all in `namespace`) as endpoints, one per `app.kubernetes.io/name`
 * of their pods (else per workload name): the blue and green Deployments of a service are one
 * endpoint, like the two backup CronJobs. Their pods' labels are the first template's by workload
 * name; their ports are the union of the containers' ports. Namespace labels come from the
 * Namespace object, if any, plus `kubernetes.io/metadata.name`.
 */
export function workloadEndpoints(objects: readonly KubernetesObject[], namespace: string): Endpoint[] {
  const namespaceObject = objects.find((object) => object.kind === 'Namespace' && object.metadata?.name === namespace);
  const namespaceLabels = { ...(namespaceObject?.metadata?.labels ?? {}), [namespaceNameLabel]: namespace };
  const byName = new Map<string, { labels: Labels; ports: Map<string, ListeningPort> }>();
  const workloads = objects.filter((object) => object.kind !== undefined && Object.hasOwn(podTemplate, object.kind));
  for (const workload of [...workloads].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))) {
    const template = podTemplate[workload.kind!](workload.spec);
    const labels: Labels = template?.metadata?.labels ?? {};
    const name = labels['app.kubernetes.io/name'] ?? workload.metadata?.name ?? '?';
    const entry = byName.get(name) ?? { labels, ports: new Map<string, ListeningPort>() };
    byName.set(name, entry);
    for (const container of template?.spec?.containers ?? []) {
      for (const port of container.ports ?? []) {
        const listening: ListeningPort = { port: port.containerPort, protocol: port.protocol ?? 'TCP', ...(port.name ? { name: port.name } : {}) };
        entry.ports.set(`${listening.port}/${listening.protocol}`, listening);
      }
    }
  }
  return [...byName.keys()].sort().map((name) => {
    const { labels, ports } = byName.get(name)!;
    return { name, platform: true, pod: { namespace, namespaceLabels, labels }, ports: sortPorts([...ports.values()]) };
  });
}

/** Pods of a cluster component in another namespace (ingress controller, Prometheus, DNS, a database). */
export function clusterPods(name: string, namespace: string, labels: Labels, ports: readonly ListeningPort[]): Endpoint {
  return { name, platform: false, pod: { namespace, namespaceLabels: { [namespaceNameLabel]: namespace }, labels }, ports: sortPorts(ports) };
}

/** A service outside the pod network, at the first address of `cidr` (its network address). */
export function externalAddress(name: string, cidr: string, ports: readonly ListeningPort[]): Endpoint {
  return { name, platform: false, address: cidr.split('/')[0], ports: sortPorts(ports) };
}

function sortPorts(ports: readonly ListeningPort[]): ListeningPort[] {
  return [...ports].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}
