import { JsonPatch } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { backupContainerResources } from './backup';
import { recommendedLabels } from './labels';

/** The label the API server puts on every namespace; network policies select namespaces by it. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

/** The Pod Security Standard every pod of the namespace must meet, and the version of its rules. */
export const podSecurity = { level: 'restricted', version: 'v1.27' } as const;

/** A container's CPU and memory, as Kubernetes quantities. */
export interface ContainerQuantities {
  readonly cpu: string;
  readonly memory: string;
}

/** Props of {@link PlatformNamespace}. */
export interface PlatformNamespaceProps {
  /** The environment whose namespace this is. */
  readonly environment: EnvironmentConfig;
  /**
   * The largest limits one container may declare. Every configured service and the backup
   * container must fit; larger ones fail synthesis rather than admission.
   * @default { cpu: '4', memory: '8Gi' }
   */
  readonly containerMax?: ContainerQuantities;
}

const defaultContainerMax: ContainerQuantities = { cpu: '4', memory: '8Gi' };
/**
 * With a quota on requests and limits, the API server refuses pods that declare none; these defaults
 * give such pods (a `kubectl debug`, a hook) modest values instead. Platform containers always declare.
 */
const containerDefaultLimits: ContainerQuantities = { cpu: '500m', memory: '512Mi' };
const containerDefaultRequests: ContainerQuantities = { cpu: '100m', memory: '128Mi' };

/**
 * The environment's namespace and its guard rails: the Namespace itself (with the labels network
 * policies select on, and Pod Security Admission at `restricted`), a ResourceQuota from
 * `environment.quota`, and a LimitRange with container defaults and a per-container maximum.
 */
export class PlatformNamespace extends Construct {
  /** Name of the Namespace. */
  readonly namespaceName: string;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    super(scope, id);
    const { environment } = props;
    const containerMax = props.containerMax ?? defaultContainerMax;
    this.namespaceName = environment.namespace;
    const labels = recommendedLabels({ name: 'namespace', component: 'namespace', partOf: environment.partOf, environment: environment.name });

    const namespace = new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: this.namespaceName,
        labels: {
          ...labels,
          // The API server sets this label itself; writing it keeps the manifest equal to the live object.
          [namespaceNameLabel]: this.namespaceName,
          ...podSecurityLabels(),
        },
      },
    });
    // A Namespace is cluster-scoped; the chart's default namespace must not leak into it.
    namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    const { quota } = environment;
    new k8s.KubeResourceQuota(this, 'resource-quota', {
      metadata: { name: 'resource-quota', labels },
      spec: {
        hard: {
          'requests.cpu': k8s.Quantity.fromString(quota.requestsCpu),
          'requests.memory': k8s.Quantity.fromString(quota.requestsMemory),
          'limits.cpu': k8s.Quantity.fromString(quota.limitsCpu),
          'limits.memory': k8s.Quantity.fromString(quota.limitsMemory),
          pods: k8s.Quantity.fromNumber(quota.pods),
        },
      },
    });

    new k8s.KubeLimitRange(this, 'limit-range', {
      metadata: { name: 'limit-range', labels },
      spec: {
        limits: [
          {
            type: 'Container',
            default: quantities(containerDefaultLimits),
            defaultRequest: quantities(containerDefaultRequests),
            max: quantities(containerMax),
          },
        ],
      },
    });

    this.node.addValidation({ validate: () => oversizedContainers(environment, containerMax) });
  }
}

/** Enforce, audit and warn at the same level: a violation is refused, logged and shown to kubectl users alike. */
function podSecurityLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ['audit', 'enforce', 'warn']) {
    labels[`pod-security.kubernetes.io/${mode}`] = podSecurity.level;
    labels[`pod-security.kubernetes.io/${mode}-version`] = podSecurity.version;
  }
  return labels;
}

function quantities(values: ContainerQuantities): Record<string, k8s.Quantity> {
  return { cpu: k8s.Quantity.fromString(values.cpu), memory: k8s.Quantity.fromString(values.memory) };
}

/** Containers whose limits exceed the LimitRange maximum: the API server would refuse their pods. */
function oversizedContainers(environment: EnvironmentConfig, max: ContainerQuantities): string[] {
  const containers: [string, ContainerQuantities][] = Object.keys(environment.services)
    .sort()
    .map((name) => [`services.${name}.resources`, environment.services[name].resources]);
  containers.push(['backup (container resources)', backupContainerResources.limits]);
  const errors: string[] = [];
  for (const [where, limits] of containers) {
    if (cpuMillicores(limits.cpu) > cpuMillicores(max.cpu)) {
      errors.push(`${where}.cpu ${limits.cpu} exceeds the per-container maximum ${max.cpu} of namespace ${environment.namespace}; lower it or raise containerMax`);
    }
    if (memoryBytes(limits.memory) > memoryBytes(max.memory)) {
      errors.push(`${where}.memory ${limits.memory} exceeds the per-container maximum ${max.memory} of namespace ${environment.namespace}; lower it or raise containerMax`);
    }
  }
  return errors;
}

/** `500m` → 500, `2` → 2000, `0.5` → 500. */
function cpuMillicores(quantity: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m?)$/.exec(quantity);
  if (!match) throw new Error(`"${quantity}" is not a CPU quantity such as 500m or 1`);
  return match[2] === 'm' ? Number(match[1]) : Number(match[1]) * 1000;
}

const memoryUnits: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** `512Mi` → 536870912, `1G` → 1000000000. */
function memoryBytes(quantity: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!match) throw new Error(`"${quantity}" is not a memory quantity such as 512Mi or 1Gi`);
  return Number(match[1]) * memoryUnits[match[2] ?? ''];
}
