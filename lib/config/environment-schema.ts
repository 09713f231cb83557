import { z } from 'zod';
import { blueGreenSchema } from './blue-green-schema';
import { DEFAULT_KUBERNETES_VERSION } from '../validate/kubernetes-version';
import { cidr, cpuQuantity, cronSchedule, dnsLabel, hostname, imageReference, kubernetesVersion, memoryQuantity, port } from './formats';
import { serviceSchema } from './service-schema';

/** The public entry point: one host, nginx ingress, TLS from cert-manager. */
export const ingressSchema = z.strictObject({
  host: hostname,
  className: dnsLabel.default('nginx'),
  /** cert-manager ClusterIssuer that signs the TLS certificate of every host. */
  clusterIssuer: dnsLabel,
  rateLimitPerMinute: z.number().int().min(1).default(100),
  proxyBodySize: z.string().regex(/^[0-9]+[kmg]?$/, 'must be an nginx size such as 50m').default('50m'),
  /** Upstream read/send timeout. */
  timeoutSeconds: z.number().int().min(1).max(3600).default(300),
});

/** An external backend reached over the network: pods in a namespace, or a list of CIDRs. */
export const backendSchema = z
  .strictObject({
    host: hostname,
    port,
    /** Namespace whose pods serve the backend (matched by its kubernetes.io/metadata.name label). */
    namespace: dnsLabel.optional(),
    cidrs: z.array(cidr).optional(),
  })
  .refine((b) => (b.namespace === undefined) !== (b.cidrs === undefined), {
    message: 'give exactly one of namespace or cidrs',
  });

export const networkSchema = z.strictObject({
  ingressControllerNamespace: dnsLabel.default('ingress-nginx'),
  monitoringNamespace: dnsLabel.default('monitoring'),
  postgres: backendSchema,
  redis: backendSchema,
  /** S3-compatible object storage, reached over HTTPS. */
  objectStorageCidrs: z.array(cidr).min(1),
  /**
   * The Kubernetes API server's endpoints, for services that declare `kubernetesApi`. Network
   * policies see the endpoint addresses (after the kubernetes Service is resolved), not its ClusterIP.
   */
  apiServer: z.strictObject({ cidrs: z.array(cidr).min(1), port: port.default(443) }),
});

/** Namespace-wide ResourceQuota and LimitRange defaults. */
export const quotaSchema = z.strictObject({
  requestsCpu: cpuQuantity,
  requestsMemory: memoryQuantity,
  limitsCpu: cpuQuantity,
  limitsMemory: memoryQuantity,
  pods: z.number().int().min(1),
});

/** Alert thresholds of the PrometheusRule. */
export const monitoringSchema = z.strictObject({
  errorRatePercent: z.number().positive().max(100).default(1),
  latencyP95Seconds: z.number().positive().default(1),
  memoryLimitPercent: z.number().int().min(1).max(100).default(90),
  crashLoopRestarts: z.number().int().min(1).default(3),
  backupMaxAgeHours: z.number().int().min(1).default(26),
});

export const backupSchema = z.strictObject({
  /** Cron schedule, interpreted in `timeZone`. */
  schedule: cronSchedule.default('0 2 * * *'),
  timeZone: z.string().default('Etc/UTC'),
  retentionDays: z.number().int().min(1).default(30),
  /** Image with pg_dump, redis-cli and an S3 client. */
  image: imageReference,
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
  /** HTTPS endpoint of the S3-compatible store. */
  endpoint: z.string().regex(/^https:\/\/[a-z0-9.-]+(:[0-9]+)?\/?$/, 'must be an https:// URL'),
  /** Secret with keys AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
  storageCredentialsSecret: dnsLabel,
  /** Secret with keys PGUSER, PGPASSWORD and PGDATABASE. */
  postgresCredentialsSecret: dnsLabel,
  /** Secret with key REDISCLI_AUTH. */
  redisCredentialsSecret: dnsLabel,
});

export const argocdSchema = z.strictObject({
  repoURL: z.string().regex(/^(https:\/\/|ssh:\/\/|git@)\S+$/, 'must be a git URL (https://, ssh:// or git@)'),
  targetRevision: z.string().min(1).default('main'),
  project: dnsLabel.default('default'),
  /** Sync automatically with prune and self-heal; production syncs by hand. */
  automatedSync: z.boolean(),
});

/** One environment file under environments/. */
export const environmentSchema = z.strictObject({
  /** Editors' schema hint; ignored by the platform. */
  $schema: z.string().optional(),
  name: dnsLabel,
  namespace: dnsLabel,
  partOf: dnsLabel.default('video-platform'),
  /**
   * The Kubernetes minor release the environment's cluster runs: its manifests are validated with
   * that release's schemas and API removals.
   */
  kubernetesVersion: kubernetesVersion.default(DEFAULT_KUBERNETES_VERSION),
  /** Registries images may come from (policy allow-list). */
  imageRegistries: z.array(z.string().min(1)).min(1),
  /** Spread pods across zones and nodes (production). */
  topologySpread: z.boolean().default(false),
  ingress: ingressSchema,
  network: networkSchema,
  quota: quotaSchema,
  monitoring: monitoringSchema.prefault({}),
  backup: backupSchema,
  argocd: argocdSchema,
  services: z.record(dnsLabel, serviceSchema).refine((s) => Object.keys(s).length > 0, 'must define at least one service'),
  /** Blue/green services, by service name; the others run one Deployment. */
  blueGreen: z.record(dnsLabel, blueGreenSchema).default({}),
});

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type IngressConfig = z.infer<typeof ingressSchema>;
export type NetworkConfig = z.infer<typeof networkSchema>;
export type BackendConfig = z.infer<typeof backendSchema>;
export type QuotaConfig = z.infer<typeof quotaSchema>;
export type MonitoringConfig = z.infer<typeof monitoringSchema>;
export type BackupConfig = z.infer<typeof backupSchema>;
export type ArgocdConfig = z.infer<typeof argocdSchema>;
