import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { Color, EnvironmentConfig, ServiceConfig } from '../config';
import { Autoscaler } from './autoscaling';
import { DisruptionBudget } from './disruption-budget';
import { imageTag, recommendedLabels, selectorLabels } from './labels';
import { namedPorts, probePortName } from './ports';
import { containerProbes } from './probes';
import { containerResources } from './resources';
import { containerSecurityContext, podSecurityContext, scratchVolume } from './security';
import { serviceConfigOf, serviceIdentity } from './service-identity';

/** Props of {@link Workload}. */
export interface WorkloadProps {
  /** The environment the workload runs in. */
  readonly environment: EnvironmentConfig;
  /** The service (a key of `environment.services`) whose pods this is. */
  readonly serviceName: string;
  /** The container image, with a tag; its tag becomes the version label. */
  readonly image: string;
  /**
   * The blue/green color of this Deployment: it is named `<service>-<color>` and its pods and
   * selector carry the color label.
   * @default - a plain Deployment named after the service
   */
  readonly color?: Color;
  /**
   * Run no pods: `spec.replicas: 0` and no HorizontalPodAutoscaler or PodDisruptionBudget (an idle
   * blue/green color with `idleColorScale: zero`).
   * @default false
   */
  readonly scaledToZero?: boolean;
}

/**
 * One Deployment of a service, with what scales and protects it: a HorizontalPodAutoscaler and,
 * when the service keeps at least two pods, a PodDisruptionBudget.
 *
 * Replicas: a Deployment the HPA manages has no `spec.replicas`. Were it written, every Argo CD sync
 * (and self-heal) would reset the HPA's choice to the minimum, and the two would fight; without it
 * the API server starts the Deployment at 1 and the HPA raises it to `replicas.min` within one
 * sync period. A color scaled to zero writes `replicas: 0` and has no HPA (an HPA would not scale a
 * Deployment at 0 anyway). Hence, for policies: a Deployment either states `replicas: 0` or is the
 * scale target of an HPA whose minReplicas is the service's minimum.
 */
export class Workload extends Construct {
  /** Name of the Deployment (and of its HPA and PDB). */
  readonly deploymentName: string;
  /** Labels that select exactly this Deployment's pods. */
  readonly podSelector: Record<string, string>;

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id);
    const { environment, serviceName, image, color } = props;
    const service = serviceConfigOf(environment, serviceName);
    const scaledToZero = props.scaledToZero ?? false;
    const labels = recommendedLabels(serviceIdentity(environment, serviceName, { version: imageTag(image), color }));
    this.deploymentName = color ? `${serviceName}-${color}` : serviceName;
    this.podSelector = selectorLabels({ name: serviceName, environment: environment.name, color });

    const duplicates = Object.keys(service.env).filter((name) => Object.hasOwn(service.secretEnv, name));
    this.node.addValidation({
      validate: () =>
        duplicates.map((name) => `services.${serviceName}: variable ${name} is set in both env and secretEnv; keep it in one of them`),
    });

    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: this.deploymentName, labels },
      spec: {
        replicas: scaledToZero ? 0 : undefined,
        revisionHistoryLimit: 5,
        selector: { matchLabels: this.podSelector },
        strategy: {
          type: 'RollingUpdate',
          // Surge one pod and never go below the current count: capacity stays whole during a rollout.
          rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) },
        },
        template: podTemplate(environment, serviceName, image, labels, this.podSelector),
      },
    });

    if (scaledToZero) return;
    new Autoscaler(this, 'autoscaler', { target: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.deploymentName }, labels, service });
    // A single pod cannot be protected without blocking node drains forever.
    if (service.replicas.min >= 2) {
      new DisruptionBudget(this, 'disruption-budget', { name: this.deploymentName, labels, podSelector: this.podSelector });
    }
  }
}

/**
 * The pod template of a service's workload, a Deployment's or a Rollout's alike: labelled `labels`,
 * running `image` with the service's ports, probes, resources, variables and restricted security.
 */
export function podTemplate(
  environment: EnvironmentConfig,
  serviceName: string,
  image: string,
  labels: Record<string, string>,
  podSelector: Record<string, string>,
): k8s.PodTemplateSpec {
  const service = serviceConfigOf(environment, serviceName);
  return { metadata: { labels }, spec: podSpec(environment, serviceName, service, image, podSelector) };
}

/**
 * A pod template as the JSON an API object holds, for objects that cdk8s' generated Kubernetes types
 * do not cover (a Rollout): the same conversion a Deployment's template goes through.
 */
export function podTemplateJson(template: k8s.PodTemplateSpec): Record<string, unknown> {
  return (k8s.KubePodTemplate.manifest({ template }) as { template: Record<string, unknown> }).template;
}

function podSpec(
  environment: EnvironmentConfig,
  serviceName: string,
  service: ServiceConfig,
  image: string,
  podSelector: Record<string, string>,
): k8s.PodSpec {
  // Only a service that talks to the Kubernetes API gets a token; any other pod has no use for one.
  const usesApi = service.kubernetesApi.length > 0;
  return {
    serviceAccountName: serviceName,
    automountServiceAccountToken: usesApi,
    // Service links inject one variable per Service of the namespace: noise, and a leak of topology.
    enableServiceLinks: false,
    securityContext: podSecurityContext(),
    terminationGracePeriodSeconds: service.terminationGracePeriodSeconds,
    topologySpreadConstraints: environment.topologySpread ? spreadConstraints(podSelector) : undefined,
    volumes: [{ name: scratchVolume.name, emptyDir: {} }],
    containers: [
      {
        name: serviceName,
        image,
        imagePullPolicy: 'IfNotPresent',
        ports: namedPorts(service).map(({ name, port }) => ({ name, containerPort: port, protocol: 'TCP' })),
        env: environmentVariables(service),
        resources: quantities(service),
        securityContext: containerSecurityContext(),
        ...containerProbes(service, probePortName(service)),
        // Sleeping before SIGTERM lets endpoint removal reach every proxy while the pod still serves.
        lifecycle:
          service.preStopSleepSeconds > 0 ? { preStop: { exec: { command: ['sleep', String(service.preStopSleepSeconds)] } } } : undefined,
        volumeMounts: [{ name: scratchVolume.name, mountPath: scratchVolume.mountPath }],
      },
    ],
  };
}

/** Plain variables and Secret references, sorted by name; secret values never appear in a manifest. */
function environmentVariables(service: ServiceConfig): k8s.EnvVar[] | undefined {
  const plain: k8s.EnvVar[] = Object.entries(service.env).map(([name, value]) => ({ name, value }));
  const secret: k8s.EnvVar[] = Object.entries(service.secretEnv).map(([name, ref]) => ({
    name,
    valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } },
  }));
  const all = [...plain, ...secret].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return all.length > 0 ? all : undefined;
}

function quantities(service: ServiceConfig): k8s.ResourceRequirements {
  const { limits, requests } = containerResources(service.resources);
  return {
    limits: { cpu: k8s.Quantity.fromString(limits.cpu), memory: k8s.Quantity.fromString(limits.memory) },
    requests: { cpu: k8s.Quantity.fromString(requests.cpu), memory: k8s.Quantity.fromString(requests.memory) },
  };
}

/**
 * Spread across zones strictly (losing a zone must not take most of a service down) and across
 * nodes as a preference (a hard per-node rule leaves pods pending whenever nodes fill unevenly).
 * `pod-template-hash` keeps a rollout's new pods from counting against the old ones.
 */
function spreadConstraints(podSelector: Record<string, string>): k8s.TopologySpreadConstraint[] {
  const constraint = (topologyKey: string, whenUnsatisfiable: string): k8s.TopologySpreadConstraint => ({
    topologyKey,
    maxSkew: 1,
    whenUnsatisfiable,
    labelSelector: { matchLabels: podSelector },
    matchLabelKeys: ['pod-template-hash'],
  });
  return [constraint('topology.kubernetes.io/zone', 'DoNotSchedule'), constraint('kubernetes.io/hostname', 'ScheduleAnyway')];
}
