import { z } from 'zod';
import { releaseStrategies } from './canary-schema';
import { cpuQuantity, dnsLabel, envVarName, httpPath, imageReference, memoryQuantity, port } from './formats';

/** Container resource limits; requests are derived as half of each limit (see lib/constructs/workload). */
export const resourcesSchema = z.strictObject({
  /** CPU limit, e.g. 500m. */
  cpu: cpuQuantity,
  /** Memory limit, e.g. 512Mi. */
  memory: memoryQuantity,
});

/** Replica bounds; they are the HorizontalPodAutoscaler's minReplicas and maxReplicas. */
export const replicasSchema = z
  .strictObject({
    min: z.number().int().min(1, 'must be at least 1'),
    max: z.number().int().min(1, 'must be at least 1'),
  })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['min'] });

/** HorizontalPodAutoscaler targets, as average utilisation of the requests. */
export const autoscalingSchema = z.strictObject({
  cpuPercent: z.number().int().min(1).max(100),
  memoryPercent: z.number().int().min(1).max(100),
  /** How long the HPA waits before scaling down, so that a brief dip does not shed capacity. */
  scaleDownStabilizationSeconds: z.number().int().min(0).max(3600).default(300),
});

/** HTTP probe paths; the probes use the service's port (or its metrics port when it has none). */
export const probesSchema = z.strictObject({
  liveness: httpPath.default('/health'),
  readiness: httpPath.default('/ready'),
});

/** A Kubernetes API permission the service needs; wildcards are refused here already. */
export const apiAccessSchema = z.strictObject({
  apiGroups: z.array(z.string().refine((g) => g !== '*', 'wildcards are not allowed')).default(['']),
  resources: z.array(z.string().regex(/^[a-z][a-z0-9/.-]*$/, 'must be a resource name such as configmaps (no wildcards)')).min(1),
  verbs: z
    .array(z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']))
    .min(1),
});

/** A value taken from an existing Secret: the platform never writes secret values itself. */
export const secretKeyRefSchema = z.strictObject({
  secret: dnsLabel,
  key: z.string().regex(/^[-._a-zA-Z0-9]+$/, 'must be a Secret key such as password'),
});

/** Backends that a service may reach; each becomes one egress rule. */
export const egressTargets = ['postgres', 'redis', 'objectStorage'] as const;

/** One deployable service of the platform. */
export const serviceSchema = z.strictObject({
  /** What the service is in the architecture; becomes app.kubernetes.io/component. */
  component: z.enum(['api', 'worker', 'frontend']),
  /**
   * How new versions are released: `rolling` (one Deployment), `blueGreen` (a Deployment per color,
   * settings under `blueGreen.<service>`) or `canary` (an Argo Rollouts Rollout, settings under
   * `canary.<service>`). Default: `blueGreen` when `blueGreen.<service>` exists, else `rolling`.
   */
  strategy: z.enum(releaseStrategies).optional(),
  /** Image for a rolling or canary service (blue/green services take their images from `blueGreen`). */
  image: imageReference.optional(),
  /** The HTTP port; a service without one gets no Service and no Ingress route. */
  port: port.optional(),
  /** The port Prometheus scrapes. */
  metricsPort: port,
  metricsPath: httpPath.default('/metrics'),
  /** Public path on the environment's host; requires `port`. */
  ingressPath: httpPath.optional(),
  probes: probesSchema.prefault({}),
  resources: resourcesSchema,
  replicas: replicasSchema,
  autoscaling: autoscalingSchema,
  /** Kubernetes API access; a service without it gets no service-account token. */
  kubernetesApi: z.array(apiAccessSchema).default([]),
  egress: z.array(z.enum(egressTargets)).default([]),
  /** Plain settings; anything secret belongs in `secretEnv`. */
  env: z.record(envVarName, z.string()).default({}),
  /** Settings read from existing Secrets, by variable name. */
  secretEnv: z.record(envVarName, secretKeyRefSchema).default({}),
  terminationGracePeriodSeconds: z.number().int().min(1).max(600).default(30),
  /** The preStop sleep lets endpoints drain before SIGTERM; it must end within the grace period. */
  preStopSleepSeconds: z.number().int().min(0).max(600).default(5),
});

export type ServiceConfig = z.infer<typeof serviceSchema>;
export type ApiAccess = z.infer<typeof apiAccessSchema>;
export type EgressTarget = (typeof egressTargets)[number];
