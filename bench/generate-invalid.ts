/**
 * Generates a tree of invalid resources for the validate scale benchmark: Deployments, each with
 * three findings (an unknown field, a wrong type, an out-of-range port), `perFile` to a file in
 * folders of 100 files, the way a large repository of rendered charts looks. Every resource is
 * invalid, so the run's output and memory grow with the findings, which is what is measured.
 *
 * Usage: npx tsx bench/generate-invalid.ts <folder> [resources=50000] [perFile=50]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Findings each generated resource has with -strict: unknown field, wrong type, port out of range. */
export const FINDINGS_PER_RESOURCE = 3;

/** One invalid Deployment, numbered. */
export function invalidDeployment(index: number): string {
  const name = `svc-${index}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: video
  labels:
    app.kubernetes.io/name: ${name}
spec:
  replicas: "three"
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.2.3
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 80800
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 512Mi}
          livenessProbe: {httpGet: {path: /healthz, port: http}}
      restartPolicee: Always
`;
}

/** Writes `resources` invalid Deployments under `folder`; returns the number of files written. */
export function generateInvalidTree(folder: string, resources: number, perFile = 50): number {
  let files = 0;
  for (let first = 0; first < resources; first += perFile) {
    const count = Math.min(perFile, resources - first);
    const documents = Array.from({ length: count }, (_, i) => invalidDeployment(first + i));
    const subfolder = join(folder, `part-${String(Math.floor(files / 100)).padStart(4, '0')}`);
    mkdirSync(subfolder, { recursive: true });
    writeFileSync(join(subfolder, `resources-${String(files).padStart(6, '0')}.yaml`), documents.join('---\n'));
    files++;
  }
  return files;
}

if (require.main === module) {
  const [folder, resources = '50000', perFile = '50'] = process.argv.slice(2);
  if (!folder) {
    process.stderr.write('usage: npx tsx bench/generate-invalid.ts <folder> [resources=50000] [perFile=50]\n');
    process.exit(2);
  }
  const files = generateInvalidTree(folder, Number(resources), Number(perFile));
  process.stdout.write(`${resources} invalid resources in ${files} files under ${folder}\n`);
}
