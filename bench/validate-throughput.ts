/**
 * Throughput of `validate`: builds a tree of 10,000 typical resources (Deployments, Services,
 * ConfigMaps, HPAs, PDBs, ServiceMonitors, PrometheusRules) in a temporary folder, then measures
 *  - the whole command as users run it (`node --import tsx lib/cli/validate.ts <tree>`), start-up included;
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

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-bench-'));
  try {
    buildTree(root);
    const cli = path.join(__dirname, '..', 'lib', 'cli', 'validate.ts');
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', cli, root], { encoding: 'utf8' });
    const wall = performance.now() - started;
    console.log(`CLI end to end: ${OBJECTS} objects in ${(wall / 1000).toFixed(2)} s wall (exit ${child.status}): ${child.stdout.trim().split('\n').pop()}`);

    let t = performance.now();
    const set = readManifests([root]);
    const readMs = performance.now() - t;
    console.log(`read + parse: ${set.documents.length} documents in ${readMs.toFixed(0)} ms (${Math.round(set.documents.length / (readMs / 1000))} objects/s)`);

    const validator = new Validator();
    t = performance.now();
    for (const document of set.documents) await validator.validateResource(document);
    const coldMs = performance.now() - t;
    console.log(`validate, first pass (loads schemas, learns fields): ${coldMs.toFixed(0)} ms`);

    for (let round = 1; round <= 3; round++) {
      t = performance.now();
      for (const document of set.documents) await validator.validateResource(document);
      const ms = performance.now() - t;
      console.log(`validate, warm pass ${round}: ${ms.toFixed(0)} ms (${Math.round(set.documents.length / (ms / 1000))} objects/s)`);
    }
  } finally {
    if (!process.env.KEEP_TREE) fs.rmSync(root, { recursive: true, force: true }); else console.log(root);
  }
}

void main();
