/**
 * The Pod Security Standards, tried as an attacker would: one defect at a time is injected into a
 * Deployment and into a backup CronJob of the committed dist/production (in memory), and the whole
 * environment is checked as `npm run policy` checks it. Each defect must be rejected by exactly the
 * rule of its control, and the environment as committed must pass.
 */
import * as path from 'node:path';
import { DEFAULT_NAMESPACES, loadPolicies, resolveTargets, ruleId, runChecks, type CheckPlan, type CheckTarget } from '../../lib/policy';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A pod template as the defects see it: its metadata, spec and first container. */
interface PodTemplate {
  readonly metadata: Json;
  readonly spec: Json;
  readonly container: Json;
}

interface Defect {
  readonly name: string;
  readonly rule: string;
  readonly inject: (pod: PodTemplate) => void;
}

const securityContext = (holder: Json): Json => (holder.securityContext ??= {});

/** The defects of issue 11 first, then at least one for every other control. */
const defects: Defect[] = [
  { name: 'container runAsUser: 0 (runAsNonRoot: true kept)', rule: 'K8S-PSS-001', inject: ({ container }) => void (securityContext(container).runAsUser = 0) },
  { name: 'pod runAsUser: 0 (runAsNonRoot: true kept)', rule: 'K8S-PSS-001', inject: ({ spec }) => void (securityContext(spec).runAsUser = 0) },
  { name: 'procMount: Unmasked', rule: 'K8S-PSS-002', inject: ({ container }) => void (securityContext(container).procMount = 'Unmasked') },
  { name: 'unsafe sysctl kernel.msgmax', rule: 'K8S-PSS-003', inject: ({ spec }) => void (securityContext(spec).sysctls = [{ name: 'kernel.msgmax', value: '65536' }]) },
  { name: 'container seLinuxOptions.type: spc_t', rule: 'K8S-PSS-004', inject: ({ container }) => void (securityContext(container).seLinuxOptions = { type: 'spc_t' }) },
  { name: 'pod seLinuxOptions.type: spc_t', rule: 'K8S-PSS-004', inject: ({ spec }) => void (securityContext(spec).seLinuxOptions = { type: 'spc_t' }) },
  { name: 'seLinuxOptions.user set', rule: 'K8S-PSS-004', inject: ({ container }) => void (securityContext(container).seLinuxOptions = { user: 'system_u' }) },
  { name: 'container appArmorProfile.type: Unconfined', rule: 'K8S-PSS-005', inject: ({ container }) => void (securityContext(container).appArmorProfile = { type: 'Unconfined' }) },
  { name: 'pod appArmorProfile.type: Unconfined', rule: 'K8S-PSS-005', inject: ({ spec }) => void (securityContext(spec).appArmorProfile = { type: 'Unconfined' }) },
  {
    name: 'AppArmor annotation unconfined',
    rule: 'K8S-PSS-005',
    inject: ({ metadata, container }) => void ((metadata.annotations ??= {})[`container.apparmor.security.beta.kubernetes.io/${container.name}`] = 'unconfined'),
  },
  { name: 'nfs volume', rule: 'K8S-PSS-006', inject: ({ spec }) => void spec.volumes.push({ name: 'media', nfs: { server: 'nfs.example.com', path: '/exports/media' } }) },
  { name: 'gitRepo volume', rule: 'K8S-PSS-006', inject: ({ spec }) => void spec.volumes.push({ name: 'code', gitRepo: { repository: 'https://example.com/repo.git' } }) },
  { name: 'container windowsOptions.hostProcess: true', rule: 'K8S-PSS-007', inject: ({ container }) => void (securityContext(container).windowsOptions = { hostProcess: true }) },
  { name: 'pod windowsOptions.hostProcess: true', rule: 'K8S-PSS-007', inject: ({ spec }) => void (securityContext(spec).windowsOptions = { hostProcess: true }) },
  { name: 'capability SYS_ADMIN added', rule: 'K8S-PSS-008', inject: ({ container }) => void (securityContext(container).capabilities.add = ['SYS_ADMIN']) },
  { name: 'pod seccompProfile.type: Unconfined', rule: 'K8S-PSS-009', inject: ({ spec }) => void (securityContext(spec).seccompProfile = { type: 'Unconfined' }) },
  { name: 'container seccompProfile.type: Unconfined', rule: 'K8S-PSS-009', inject: ({ container }) => void (securityContext(container).seccompProfile = { type: 'Unconfined' }) },
  { name: 'Localhost seccomp profile without localhostProfile', rule: 'K8S-PSS-009', inject: ({ container }) => void (securityContext(container).seccompProfile = { type: 'Localhost' }) },
  { name: 'probe to another host', rule: 'K8S-PSS-010', inject: ({ container }) => void (container.livenessProbe = { httpGet: { host: '169.254.169.254', path: '/', port: 80 } }) },
  { name: 'lifecycle hook to another host', rule: 'K8S-PSS-010', inject: ({ container }) => void (container.lifecycle = { preStop: { tcpSocket: { host: '10.0.0.1', port: 22 } } }) },
  { name: 'container runAsNonRoot: false', rule: 'K8S-SEC-001', inject: ({ container }) => void (securityContext(container).runAsNonRoot = false) },
  { name: 'pod runAsNonRoot: false', rule: 'K8S-SEC-001', inject: ({ spec }) => void (securityContext(spec).runAsNonRoot = false) },
  {
    name: 'runAsNonRoot unset on pod and container',
    rule: 'K8S-SEC-001',
    inject: ({ spec, container }) => {
      delete securityContext(spec).runAsNonRoot;
      delete securityContext(container).runAsNonRoot;
    },
  },
  { name: 'allowPrivilegeEscalation: true', rule: 'K8S-SEC-002', inject: ({ container }) => void (securityContext(container).allowPrivilegeEscalation = true) },
  { name: 'capabilities not dropped', rule: 'K8S-SEC-003', inject: ({ container }) => void (securityContext(container).capabilities = { drop: ['NET_RAW'] }) },
  { name: 'default capability CHOWN added back', rule: 'K8S-SEC-003', inject: ({ container }) => void (securityContext(container).capabilities.add = ['CHOWN']) },
  {
    name: 'seccomp profile unset on pod and container',
    rule: 'K8S-SEC-004',
    inject: ({ spec, container }) => {
      delete securityContext(spec).seccompProfile;
      delete securityContext(container).seccompProfile;
    },
  },
  { name: 'writable root filesystem', rule: 'K8S-SEC-005', inject: ({ container }) => void (securityContext(container).readOnlyRootFilesystem = false) },
  { name: 'privileged container', rule: 'K8S-SEC-006', inject: ({ container }) => void (securityContext(container).privileged = true) },
  {
    name: 'privileged init container',
    rule: 'K8S-SEC-006',
    inject: ({ spec, container }) => void (spec.initContainers = [{ ...structuredClone(container), name: 'init', securityContext: { ...structuredClone(container.securityContext), privileged: true } }]),
  },
  {
    name: 'privileged ephemeral container',
    rule: 'K8S-SEC-006',
    inject: ({ spec, container }) => void (spec.ephemeralContainers = [{ ...structuredClone(container), name: 'debug', securityContext: { ...structuredClone(container.securityContext), privileged: true } }]),
  },
  { name: 'hostPath volume', rule: 'K8S-SEC-007', inject: ({ spec }) => void spec.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }) },
  { name: 'hostNetwork: true', rule: 'K8S-SEC-008', inject: ({ spec }) => void (spec.hostNetwork = true) },
  { name: 'hostPID: true', rule: 'K8S-SEC-008', inject: ({ spec }) => void (spec.hostPID = true) },
  { name: 'hostIPC: true', rule: 'K8S-SEC-008', inject: ({ spec }) => void (spec.hostIPC = true) },
  { name: 'host port', rule: 'K8S-SEC-009', inject: ({ container }) => void (container.ports = [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]) },
];

/** The workloads defects are injected into: a file of dist/production and where its pod template is. */
const workloads = [
  { file: 'deployment.apps_api-blue.yaml', template: (object: Json): Json => object.spec.template },
  { file: 'cronjob.batch_backup-postgres.yaml', template: (object: Json): Json => object.spec.jobTemplate.spec.template },
];

const plan: CheckPlan = { ...DEFAULT_NAMESPACES, promql: true };
const policies = loadPolicies(['policies']);
const [production] = resolveTargets({ paths: [path.join('dist', 'production')], distDir: 'dist' });

/** Every failure and warning of checking the environment, as `rule file`. */
function findings(target: CheckTarget): string[] {
  return runChecks(policies, [target], plan).flatMap((result) => [...result.failures, ...result.warnings].map((f) => `${ruleId(f) ?? f.msg} ${path.basename(result.filename)}`));
}

/** dist/production with one workload's only document replaced by `mutate`'s copy of it. */
function withDefect(file: string, mutate: (object: Json) => void): CheckTarget {
  return {
    ...production,
    files: production.files.map((input) => {
      if (path.basename(input.path) !== file) return input;
      const object = structuredClone(input.documents[0]) as Json;
      mutate(object);
      return { ...input, documents: [object] };
    }),
  };
}

describe('the Pod Security Standards on dist/production', () => {
  it('pass as committed', () => {
    expect(production.files.map((input) => path.basename(input.path))).toEqual(expect.arrayContaining(workloads.map((w) => w.file)));
    expect(findings(production)).toEqual([]);
  });

  describe.each(workloads)('in $file', ({ file, template }) => {
    it.each(defects)('reject $name by $rule only', ({ rule, inject }) => {
      const target = withDefect(file, (object) => {
        const pod = template(object);
        inject({ metadata: (pod.metadata ??= {}), spec: pod.spec, container: pod.spec.containers[0] });
      });
      expect(findings(target)).toEqual([`${rule} ${file}`]);
    });
  });
});
