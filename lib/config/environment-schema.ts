import { z } from 'zod';
import { blueGreenSchema } from './blue-green-schema';
import { DEFAULT_KUBERNETES_VERSION } from '../validate/kubernetes-version';
import { canarySchema } from './canary-schema';
import { cidr, cpuQuantity, cronSchedule, dnsLabel, envVarName, hostname, imageReference, kubernetesVersion, memoryQuantity, port } from './formats';
import { secretKeyRefSchema, serviceSchema } from './service-schema';

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

/** Alert thresholds of the PrometheusRule (also the canary analysis' thresholds), and where Prometheus answers. */
export const monitoringSchema = z.strictObject({
  /** The Prometheus that canary analyses query (from the Argo Rollouts controller). */
  prometheusUrl: z.string().regex(/^https?:\/\/[a-z0-9.-]+(:[0-9]+)?(\/[^\s]*)?$/, 'must be an http:// or https:// URL such as http://prometheus-operated.monitoring.svc:9090').default('http://prometheus-operated.monitoring.svc:9090'),
  errorRatePercent: z.number().positive().max(100).default(1),
  latencyP95Seconds: z.number().positive().default(1),
  memoryLimitPercent: z.number().int().min(1).max(100).default(90),
  /** CPU use, as a share of the limit, above which a container is being throttled. */
  cpuLimitPercent: z.number().int().min(1).max(100).default(90),
  crashLoopRestarts: z.number().int().min(1).default(3),
  backupMaxAgeHours: z.number().int().min(1).default(26),
  /** Messages a worker's queue may hold for 15 minutes before QueueBacklogHigh fires. */
  queueBacklogMessages: z.number().int().min(1).default(1000),
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

/**
 * The database migration that runs before each sync's workloads (an Argo CD PreSync hook). Its
 * image carries the migrations; credentials come only from Secrets.
 */
export const migrationsSchema = z.strictObject({
  image: imageReference,
  /** The command that applies the pending (up) migrations and exits non-zero on failure. */
  command: z.array(z.string().min(1)).min(1),
  /** Plain settings; anything secret belongs in `secretEnv`. */
  env: z.record(envVarName, z.string()).default({}),
  /** Settings read from existing Secrets, by variable name (the database URL, say). */
  secretEnv: z.record(envVarName, secretKeyRefSchema).refine((s) => Object.keys(s).length > 0, 'must name the Secret holding the database credentials'),
  /** Retries of a failed migration; 0 stops the sync at the first failure. */
  backoffLimit: z.number().int().min(0).max(10).default(0),
  /** A migration still running after this long is stopped, and the sync fails. */
  activeDeadlineSeconds: z.number().int().min(30).max(86400).default(900),
});

/**
 * Secrets from a vault through the External Secrets Operator: every Secret the platform's objects
 * read is written by an ExternalSecret from the store, so `dist/` names Secrets but never holds a
 * value.
 */
export const secretStoreSchema = z.strictObject({
  /** The (Cluster)SecretStore that reads the vault. */
  name: dnsLabel,
  kind: z.enum(['ClusterSecretStore', 'SecretStore']).default('ClusterSecretStore'),
  /** How often the operator re-reads the vault; a rotated value reaches the Secret within this. */
  refreshInterval: z.string().regex(/^([0-9]+(ns|us|µs|ms|s|m|h))+$/, 'must be a Go duration such as 1h or 15m').default('1h'),
  /** The vault key of a Secret is `<remoteKeyPrefix><Secret name>` unless `remoteKeys` names it. */
  remoteKeyPrefix: z.string().default(''),
  /** Vault keys of particular Secrets, by Secret name. */
  remoteKeys: z.record(dnsLabel, z.string().min(1)).default({}),
});

/** A Slack channel name as Slack writes it, without the leading '#'. */
const slackChannel = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, "must be a Slack channel name such as video-platform-deploys (lowercase, no '#')");

/** Where Argo CD notifications about this environment's syncs go. */
export const notificationsSchema = z.strictObject({
  /** Every sync result and health change. */
  slackChannel,
  /** Failed syncs and degraded health also go here (production's on-call). */
  onCallSlackChannel: slackChannel.optional(),
});

export const argocdSchema = z.strictObject({
  repoURL: z.string().regex(/^(https:\/\/|ssh:\/\/|git@)\S+$/, 'must be a git URL (https://, ssh:// or git@)'),
  targetRevision: z.string().min(1).default('main'),
  project: dnsLabel.default('default'),
  /** Sync automatically with prune and self-heal; production syncs by hand. */
  automatedSync: z.boolean(),
  notifications: notificationsSchema.optional(),
});

/**
 * Admission control in the cluster: how Gatekeeper enforces the per-object policies of `policies/`
 * (the same Rego the CI gate runs). `deny` rejects a violating object; `dryrun` only reports it in
 * the constraints' audit status; `warn` admits it with a warning.
 */
export const admissionSchema = z.strictObject({
  enforcementAction: z.enum(['deny', 'dryrun', 'warn']).default('deny'),
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
  migrations: migrationsSchema.optional(),
  secretStore: secretStoreSchema.optional(),
  argocd: argocdSchema,
  services: z.record(dnsLabel, serviceSchema).refine((s) => Object.keys(s).length > 0, 'must define at least one service'),
  /** Blue/green services, by service name (`strategy: blueGreen`). */
  blueGreen: z.record(dnsLabel, blueGreenSchema).default({}),
  /** Canary services, by service name (`strategy: canary`): steps, analysis and release state. */
  canary: z.record(dnsLabel, canarySchema).default({}),
  /** Gatekeeper constraints generated from policies/ (see README, "Enforcement in the cluster"). */
  admission: admissionSchema.prefault({}),
});

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type IngressConfig = z.infer<typeof ingressSchema>;
export type NetworkConfig = z.infer<typeof networkSchema>;
export type BackendConfig = z.infer<typeof backendSchema>;
export type QuotaConfig = z.infer<typeof quotaSchema>;
export type MonitoringConfig = z.infer<typeof monitoringSchema>;
export type BackupConfig = z.infer<typeof backupSchema>;
export type ArgocdConfig = z.infer<typeof argocdSchema>;
export type AdmissionConfig = z.infer<typeof admissionSchema>;
export type MigrationsConfig = z.infer<typeof migrationsSchema>;
export type SecretStoreConfig = z.infer<typeof secretStoreSchema>;
