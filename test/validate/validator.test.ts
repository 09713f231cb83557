import { ManifestInputError, parseManifest, readManifests } from '../../lib/manifest';
import { resolveKubernetesVersion, validateFiles, validateManifests, Validator, type FileResults, type ValidateOptions } from '../../lib/validate';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

async function validate(text: string, options: Partial<ValidateOptions> = {}) {
  const validator = new Validator(options);
  return Promise.all(parseManifest(text, 'test.yaml').map((document) => validator.validateResource(document)));
}

describe('Validator.validateResource', () => {
  it('passes a complete Deployment and names it', async () => {
    const [result] = await validate(DEPLOYMENT);
    expect(result).toMatchObject({ status: 'valid', kind: 'Deployment', name: 'web', apiVersion: 'apps/v1', findings: [] });
  });

  it('keeps the five statuses apart', async () => {
    const results = await validate(`${DEPLOYMENT}---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nbogus: 1\n---\nkind: ConfigMap\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n`, {
      skipKinds: ['Widget'],
    });
    expect(results.map((r) => r.status)).toEqual(['valid', 'empty', 'invalid', 'error', 'skipped']);
  });

  it('reports an unknown field at its line, whichever document first taught the fields', async () => {
    const validator = new Validator();
    const [first, second] = parseManifest(`${DEPLOYMENT}---\n${DEPLOYMENT.replace('image: nginx:1.25', 'image: nginx:1.25\n          imagePullPolicyy: Always')}`, 'x.yaml');
    expect((await validator.validateResource(first)).status).toBe('valid');
    const result = await validator.validateResource(second);
    expect(result.findings).toEqual([
      {
        rule: 'unknown-field',
        severity: 'error',
        path: '/spec/template/spec/containers/0/imagePullPolicyy',
        line: 30,
        message: 'unknown field "imagePullPolicyy": did you mean "imagePullPolicy"?',
      },
    ]);
  });

  it('allows unknown fields when not strict', async () => {
    const [result] = await validate(DEPLOYMENT.replace('spec:\n  selector', 'spec:\n  replica: 2\n  selector'), { strict: false });
    expect(result.status).toBe('valid');
  });

  it('skips kinds without a schema when told to, and rejects listed kinds as errors', async () => {
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n';
    expect((await validate(widget))[0]).toMatchObject({ status: 'error', findings: [{ rule: 'missing-schema' }] });
    expect((await validate(widget, { ignoreMissingSchemas: true }))[0]).toMatchObject({ status: 'skipped', reason: 'no schema for Widget example.com/v1' });
    expect((await validate(DEPLOYMENT, { rejectKinds: ['apps/v1/Deployment'] }))[0]).toMatchObject({ status: 'error', findings: [{ rule: 'rejected-kind' }] });
  });

  it('judges apiVersions by the target Kubernetes version', async () => {
    const priorityLevel = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta2\nkind: PriorityLevelConfiguration\nmetadata: {name: batch}\nspec:\n  type: Limited\n  limited:\n    assuredConcurrencyShares: 10\n    limitResponse: {type: Reject}\n';
    expect((await validate(priorityLevel, { kubernetesVersion: resolveKubernetesVersion('1.33') }))[0]).toMatchObject({ status: 'invalid', findings: [{ rule: 'api-removed', line: 1 }] });
    const old = await validate(priorityLevel, { kubernetesVersion: resolveKubernetesVersion('1.27') });
    expect(old[0]).toMatchObject({ status: 'valid', findings: [{ rule: 'api-deprecated', severity: 'warning' }] });
  });

  it('validates the custom resources we emit', async () => {
    const results = await validate(
      [
        'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec:\n  selector: {}\n  endpoints: [{port: http, interval: 30x}]\n',
        'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec: {secretName: s, issuerRef: {name: i}, dnsNames: [a.example.com], renewBeforee: 1h}\n',
      ].join('---\n'),
    );
    expect(results.map((r) => r.findings.map((f) => `${f.rule} ${f.path}`))).toEqual([['schema /spec/endpoints/0/interval'], ['unknown-field /spec/renewBeforee']]);
  });
});

describe('validateManifests', () => {
  it('validates a folder and reports files and per-status counts', async () => {
    const report = await validateManifests(readManifests(['test/fixtures/manifest/tree']));
    expect(report.summary).toMatchObject({ resources: 3, files: 3, valid: 3 });
    expect(report.exitCode).toBe(0);
  });
});

describe('duplicate keys', () => {
  const text = DEPLOYMENT.replace('  name: web\n', '  name: web\n  name: api\n');

  it('warns without strict and validates the last value, as Kubernetes keeps it', async () => {
    const [result] = await validate(text, { strict: false });
    expect(result).toMatchObject({ status: 'valid', name: 'api' });
    expect(result.findings).toEqual([{ rule: 'duplicate-key', severity: 'warning', path: '/metadata/name', line: 5, message: 'duplicate key "name": Kubernetes keeps only the last value; remove the other' }]);
  });

  it('is an error with strict, as kubeconform -strict fails to read the resource', async () => {
    const [result] = await validate(text, { strict: true });
    expect(result.status).toBe('error');
    expect(result.findings.map((finding) => finding.severity)).toEqual(['error']);
  });

  it('keeps a stronger outcome the findings did not make (a skipped kind stays skipped)', async () => {
    const [result] = await validate(text, { strict: false, skipKinds: ['Deployment'] });
    expect(result.status).toBe('skipped');
  });
});

describe('validateFiles', () => {
  it('yields file by file, expands lists item by item, and makes an unreadable path one error result', async () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: B}\n`;
    const reads = [
      { file: 'list.yaml', documents: parseManifest(list, 'list.yaml') },
      { file: 'gone.yaml', problem: new ManifestInputError('gone.yaml', 'no such file or folder') },
    ];
    const files: FileResults[] = [];
    for await (const file of validateFiles(reads)) files.push(file);
    expect(files.map(({ file, results }) => [file, results.map((r) => [r.item, r.name, r.status, r.line])])).toEqual([
      ['list.yaml', [[0, 'a', 'valid', 4], [1, 'B', 'invalid', 7]]],
      ['gone.yaml', [[undefined, undefined, 'error', 0]]],
    ]);
  });
});
