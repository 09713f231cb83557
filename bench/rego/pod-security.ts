/**
 * One run of the Rego micro-benchmark over the project's own pod-security rules
 * (policies/pod_security.rego and policies/lib/): compiles them once, evaluates every `deny_*` rule
 * of package main against each of `--objects` generated Deployments, as `npm run policy` does (one
 * object per evaluation, the rules sharing what they compute about it), checks every finding's rule
 * against what the generator planted, and prints one JSON line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../lib/rego';
import { cpuMs } from './cpu-time';
import type { RegoRun } from './evaluate';

const POLICIES = join(__dirname, '..', '..', 'policies');

/** Each planted defect and the one rule that must report it (policies/README.md's table). */
const defects = {
  'host-process': 'K8S-PSS-007',
  'host-pid': 'K8S-SEC-008',
  privileged: 'K8S-SEC-006',
  'capability-beyond-baseline': 'K8S-PSS-008',
  'host-path': 'K8S-SEC-007',
  'host-port': 'K8S-SEC-009',
  'apparmor-unconfined': 'K8S-PSS-005',
  'selinux-type': 'K8S-PSS-004',
  'proc-mount': 'K8S-PSS-002',
  'seccomp-unconfined': 'K8S-PSS-009',
  'unsafe-sysctl': 'K8S-PSS-003',
  'probe-host': 'K8S-PSS-010',
  'nfs-volume': 'K8S-PSS-006',
  'privilege-escalation': 'K8S-SEC-002',
  'run-as-root-allowed': 'K8S-SEC-001',
  'run-as-user-0': 'K8S-PSS-001',
  'no-seccomp': 'K8S-SEC-004',
  'capabilities-kept': 'K8S-SEC-003',
  'writable-root': 'K8S-SEC-005',
} as const;
type Defect = keyof typeof defects;
const defectNames = Object.keys(defects) as Defect[];

/** Evaluates the pod-security rules against `count` generated Deployments; throws on any unexpected finding. */
export function runPodSecurityBenchmark(count: number): RegoRun {
  const files = [
    ...readdirSync(join(POLICIES, 'lib'))
      .filter((name) => name.endsWith('.rego') && !name.endsWith('_test.rego'))
      .map((name) => join(POLICIES, 'lib', name)),
    join(POLICIES, 'pod_security.rego'),
  ];
  const { objects, planted } = generatePodSecurityDeployments(count);

  const compileStarted = process.hrtime.bigint();
  const policy = compile(files.map((path) => ({ path, text: readFileSync(path, 'utf8') })));
  const rules = (policy.rules().get('main') ?? []).filter((rule) => rule.startsWith('deny')).map((rule) => `data.main.${rule}`);
  const compileMs = Number(process.hrtime.bigint() - compileStarted) / 1e6;
  if (rules.length < defectNames.length) throw new Error(`expected a rule per defect, found ${rules.length} deny rules`);

  // Each object's finding rule ids, checked once the clock stops. Keeping the findings themselves
  // until then made the young generation promote ≈ 0.9 KB per object: that timed the harness's
  // garbage collection (≈ 8 % of the timed window), not the engine.
  const results: (string | undefined)[][] = new Array(objects.length);
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < objects.length; i++) {
    const found: (string | undefined)[] = [];
    for (const rule of rules) {
      const value = policy.evaluate(rule, objects[i]);
      if (Array.isArray(value)) for (const finding of value) found.push((finding as { rule?: string }).rule);
    }
    results[i] = found;
  }
  const evaluateMs = Number(process.hrtime.bigint() - started) / 1e6;
  const evaluateCpuMs = cpuMs(process.cpuUsage(cpuStarted));

  let findings = 0;
  results.forEach((ids, i) => {
    const expected = planted[i] === null ? [] : [defects[planted[i]!]];
    if (ids.length !== expected.length || ids.some((id, k) => id !== expected[k])) {
      throw new Error(`object ${i} (${planted[i] ?? 'clean'}): expected [${expected.join(', ')}], got [${ids.join(', ')}]`);
    }
    findings += ids.length;
  });
  return { objects: objects.length, compileMs, evaluateMs, evaluateCpuMs, objectsPerSecond: (objects.length / evaluateMs) * 1000, findings };
}

/** `count` Deployments, deterministic: object `i` has defect `i mod 20` (0 = clean). */
export function generatePodSecurityDeployments(count: number): { objects: Record<string, unknown>[]; planted: (Defect | null)[] } {
  const objects: Record<string, unknown>[] = [];
  const planted: (Defect | null)[] = [];
  for (let i = 0; i < count; i++) {
    const defect = i % (defectNames.length + 1) === 0 ? null : defectNames[(i % (defectNames.length + 1)) - 1];
    objects.push(deployment(i, defect));
    planted.push(defect);
  }
  return { objects, planted };
}

/** A Deployment that meets the restricted standard, but for the one planted defect. */
function deployment(index: number, defect: Defect | null): Record<string, unknown> {
  const name = `service-${String(index).padStart(5, '0')}`;
  const context: Record<string, any> = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
  const container: Record<string, any> = {
    name,
    image: `registry.example.com/video-platform/${name}:1.${index % 10}.0`,
    ports: [{ name: 'http', containerPort: 8080 }],
    livenessProbe: { httpGet: { path: '/health', port: 8080 } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    securityContext: context,
  };
  const containers = [container];
  // Every fourth object has a second, clean, sidecar container.
  if (index % 4 === 0) containers.push({ ...container, name: 'log-shipper', ports: [], securityContext: { ...context, capabilities: { drop: ['ALL'] } } });
  const podContext: Record<string, any> = { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } };
  const spec: Record<string, any> = { securityContext: podContext, containers, volumes: [{ name: 'tmp', emptyDir: {} }] };
  switch (defect) {
    case 'host-process': context.windowsOptions = { hostProcess: true }; break;
    case 'host-pid': spec.hostPID = true; break;
    case 'privileged': context.privileged = true; break;
    case 'capability-beyond-baseline': context.capabilities = { drop: ['ALL'], add: ['SYS_ADMIN'] }; break;
    case 'host-path': spec.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); break;
    case 'host-port': container.ports = [{ name: 'http', containerPort: 8080, hostPort: 8080 }]; break;
    case 'apparmor-unconfined': context.appArmorProfile = { type: 'Unconfined' }; break;
    case 'selinux-type': context.seLinuxOptions = { type: 'spc_t' }; break;
    case 'proc-mount': context.procMount = 'Unmasked'; break;
    case 'seccomp-unconfined': context.seccompProfile = { type: 'Unconfined' }; break;
    case 'unsafe-sysctl': podContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]; break;
    case 'probe-host': container.livenessProbe = { httpGet: { path: '/health', port: 8080, host: '10.0.0.1' } }; break;
    case 'nfs-volume': spec.volumes.push({ name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports' } }); break;
    case 'privilege-escalation': context.allowPrivilegeEscalation = true; break;
    case 'run-as-root-allowed': context.runAsNonRoot = false; break;
    case 'run-as-user-0': context.runAsUser = 0; break;
    case 'no-seccomp': delete podContext.seccompProfile; break;
    case 'capabilities-kept': context.capabilities = { drop: ['NET_RAW'] }; break;
    case 'writable-root': context.readOnlyRootFilesystem = false; break;
    case null: break;
  }
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'video-app-production', labels },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
  };
}

if (require.main === module) {
  const flag = process.argv.indexOf('--objects');
  const count = flag === -1 ? 10_000 : Number(process.argv[flag + 1]);
  process.stdout.write(`${JSON.stringify(runPodSecurityBenchmark(count))}\n`);
}
