/**
 * Throughput of `validate`: builds a tree of 10,000 typical resources (Deployments, Services,
 * ConfigMaps, HPAs, PDBs, ServiceMonitors, PrometheusRules) in a temporary folder, then measures
 *  - the whole command as users run it (`npm run validate -- <tree>` without npm: `node lib/launch/run.js lib/cli/validate.ts <tree>`), start-up included;
 *  - reading + parsing, and validation alone once schemas are loaded, in this process.
 * Targets: >= 50,000 objects/s validated on one core after start-up; 10,000 objects in < 2 s wall.
 *
 * Usage: npx tsx bench/validate-throughput.ts [objects=10000]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifests } from '../lib/manifest';
import { Validator } from '../lib/validate';

const OBJECTS = Number(process.argv[2] ?? 10_000);
const PER_FILE = 50;

function resources(i: number): string[] {
  const name = `svc-${i}`;
  const labels = `app.kubernetes.io/name: ${name}\n    app.kubernetes.io/part-of: video`;
  return [
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: video
  labels:
    ${labels}
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: registry.example.com/${name}:1.2.3
          ports: [{name: http, containerPort: 8080}]
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 512Mi}
          readinessProbe: {httpGet: {path: /healthz, port: http}}
          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: video
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports: [{name: http, port: 80, targetPort: http}]
`,
    `apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}, namespace: video}
data: {LOG_LEVEL: info, FEATURE_X: "true"}
`,
    `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}, namespace: video}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: 2
  maxReplicas: 10
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
`,
    `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: video}
spec: {maxUnavailable: 1, selector: {matchLabels: {app.kubernetes.io/name: ${name}}}}
`,
    `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: ${name}, namespace: video}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: ${name}}}
  endpoints: [{port: http, interval: 30s}]
`,
    `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: ${name}, namespace: video}
spec:
  groups:
    - name: ${name}.rules
      rules:
        - alert: HighErrorRate
          expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1
          for: 10m
          labels: {severity: page}
`,
  ];
}

function buildTree(root: string): void {
  const documents: string[] = [];
  for (let i = 0; documents.length < OBJECTS; i++) documents.push(...resources(i));
  documents.length = OBJECTS;
  for (let f = 0; f * PER_FILE < OBJECTS; f++) {
    fs.writeFileSync(path.join(root, `part-${String(f).padStart(4, '0')}.yaml`), documents.slice(f * PER_FILE, (f + 1) * PER_FILE).join('---\n'));
  }
}

function rate(count: number, ms: number): number {
  return Math.round(count / (ms / 1000));
}

/** CPU milliseconds (user + system) of this process: steadier than wall time on a shared machine. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-bench-'));
  try {
    buildTree(root);
    const launcher = path.join(__dirname, '..', 'lib', 'launch', 'run.js');
    const started = performance.now();
    const child = spawnSync(process.execPath, [launcher, 'lib/cli/validate.ts', root], { encoding: 'utf8' });
    const wall = performance.now() - started;
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs; in-process figures below are CPU time`);
    console.log(`CLI end to end: ${OBJECTS} objects in ${(wall / 1000).toFixed(2)} s wall (exit ${child.status}): ${child.stdout.trim().split('\n').pop()}`);

    let t = cpuMs();
    const set = readManifests([root]);
    const readMs = cpuMs() - t;
    console.log(`read + parse (cold): ${set.documents.length} documents in ${readMs.toFixed(0)} ms (${rate(set.documents.length, readMs)} objects/s)`);

    const validator = new Validator();
    t = cpuMs();
    await validator.loadSchemas(set.documents);
    console.log(`load schemas of ${new Set(set.documents.map((d) => (d.object as { kind: string }).kind)).size} kinds: ${(cpuMs() - t).toFixed(0)} ms`);
    for (let pass = 1; pass <= 5; pass++) {
      t = cpuMs();
      for (const document of set.documents) validator.validateLoaded(document);
      const ms = cpuMs() - t;
      const note = pass === 1 ? ' (cold: learns fields, JIT warm-up)' : '';
      console.log(`validate pass ${pass}: ${ms.toFixed(0)} ms, ${rate(set.documents.length, ms)} objects/s${note}`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
