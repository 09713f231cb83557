import { parseManifest } from '../../lib/manifest';
import { resolveKubernetesVersion, validateManifests } from '../../lib/validate';
import type { GeneratedValidator } from '../../lib/validate/field-tree';
import { validatorUnder, type SchemaDelta } from '../../lib/validate/schema-deltas';

/** `rule path` of each finding of a one-document manifest validated strictly at a release (`message` for schema errors). */
async function findings(text: string, version: string): Promise<string[]> {
  const report = await validateManifests({ files: ['x.yaml'], documents: parseManifest(text, 'x.yaml') }, { kubernetesVersion: resolveKubernetesVersion(version), strict: true });
  return report.resources[0].findings.map((finding) => `${finding.rule} ${finding.path}${finding.rule === 'schema' ? `: ${finding.message}` : ''}`);
}

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: registry.example.com/c:1}]\n${spec}`;

describe('Kubernetes 1.31 (cdk8s-plus-31 against cdk8s-plus-33)', () => {
  it('rejects a field 1.32 added and accepts one 1.31 added', async () => {
    // Pod-level resources arrived in 1.32; supplementalGroupsPolicy in 1.31.
    const resources = pod('  resources: {limits: {cpu: "1"}}\n');
    expect(await findings(resources, '1.31')).toEqual(['unknown-field /spec/resources']);
    expect(await findings(resources, '1.32')).toEqual([]);
    const groups = pod('  securityContext: {supplementalGroupsPolicy: Strict}\n');
    expect(await findings(groups, '1.31')).toEqual([]);
    expect(await findings(groups, '1.30')).toEqual(['unknown-field /spec/securityContext/supplementalGroupsPolicy']);
  });

  it('lacks the status fields 1.32 lacks, which cdk8s-plus leaves out', async () => {
    // Pod status.observedGeneration arrived in 1.33.
    const status = pod('status: {observedGeneration: 2}\n');
    expect(await findings(status, '1.31')).toEqual(['unknown-field /status/observedGeneration']);
    expect(await findings(status, '1.33')).toEqual([]);
  });

  it('does not serve the kinds 1.31 did not have', async () => {
    const cidr = 'apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata: {name: extra}\nspec: {cidrs: [10.96.0.0/16]}\n';
    expect(await findings(cidr, '1.31')).toEqual(['missing-schema /kind']);
    expect(await findings(cidr, '1.33')).toEqual([]);
  });
});

describe('Kubernetes 1.34 (client-node 1.4.0 against 1.3.0)', () => {
  it('accepts PodSpec.hostnameOverride, which 1.33 does not have, and checks its type', async () => {
    const hostname = pod('  hostnameOverride: web-0\n');
    expect(await findings(hostname, '1.33')).toEqual(['unknown-field /spec/hostnameOverride']);
    expect(await findings(hostname, '1.34')).toEqual([]);
    expect(await findings(pod('  hostnameOverride: 5\n'), '1.34')).toEqual([
      'schema /spec/hostnameOverride: expected string, got integer 5: quote the value to keep it text (Kubernetes reads unquoted numbers as numbers, and 0644 as octal 420)',
    ]);
  });

  it('checks the fields, types and required fields inside an added field', async () => {
    const deployment = (rules: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers:\n        - name: c\n          image: registry.example.com/c:1\n          restartPolicy: Never\n          restartPolicyRules: ${rules}\n`;
    expect(await findings(deployment('[{action: Restart, exitCodes: {operator: In, values: [42]}}]'), '1.34')).toEqual([]);
    expect(await findings(deployment('[{action: Restart, exitCodes: {operator: In, values: [42]}}]'), '1.33')).toEqual(['unknown-field /spec/template/spec/containers/0/restartPolicyRules']);
    expect(await findings(deployment('[{exitCodes: {operator: In, values: [x], bogus: 1}}]'), '1.34')).toEqual([
      'schema /spec/template/spec/containers/0/restartPolicyRules/0/action: missing required field "action"',
      'unknown-field /spec/template/spec/containers/0/restartPolicyRules/0/exitCodes/bogus',
      'schema /spec/template/spec/containers/0/restartPolicyRules/0/exitCodes/values/0: expected integer, got string "x"',
    ]);
  });

  it('serves resource.k8s.io/v1, with quantities as kubernetes-models checks them', async () => {
    const slice = (memory: string) =>
      `apiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata: {name: s}\nspec:\n  driver: gpu.example.com\n  nodeName: n1\n  pool: {name: p, generation: 1, resourceSliceCount: 1}\n  devices:\n    - name: gpu-0\n      capacity:\n        memory: {value: ${memory}}\n        cores: {value: 4}\n`;
    expect(await findings(slice('80Gi'), '1.33')).toEqual(['missing-schema /kind']);
    expect(await findings(slice('80Gi'), '1.34')).toEqual([]);
    expect(await findings(slice('"80 GB"'), '1.34')).toEqual(['schema /spec/devices/0/capacity/memory/value: "80 GB" is not a Kubernetes quantity such as 500Mi, 2Gi, 250m or 0.5 (suffixes are case-sensitive)']);
    expect(await findings(slice('80Gi').replace('  driver: gpu.example.com\n', '  driverName: gpu.example.com\n'), '1.34')).toEqual([
      'schema /spec/driver: missing required field "driver"',
      'unknown-field /spec/driverName',
    ]);
  });
});

describe('Kubernetes 1.35 (@pulumi/kubernetes 4.29.0 against 4.25.0)', () => {
  it('accepts PodSpec.workloadRef, which 1.34 does not have, and checks its type', async () => {
    const workload = pod('  workloadRef: {name: training, podGroup: workers}\n');
    expect(await findings(workload, '1.34')).toEqual(['unknown-field /spec/workloadRef']);
    expect(await findings(workload, '1.35')).toEqual([]);
    expect(await findings(pod('  workloadRef: {name: 5, podGroup: workers}\n'), '1.35')).toEqual([
      'schema /spec/workloadRef/name: expected string, got integer 5: quote the value to keep it text (Kubernetes reads unquoted numbers as numbers, and 0644 as octal 420)',
    ]);
    // Fields 1.34 added are there too.
    expect(await findings(pod('  hostnameOverride: web-0\n'), '1.35')).toEqual([]);
  });

  it('serves the kinds 1.35 added and not those it dropped', async () => {
    const workload = 'apiVersion: scheduling.k8s.io/v1alpha1\nkind: Workload\nmetadata: {name: training}\nspec:\n  podGroups: [{name: workers, policy: {gang: {minCount: 4}}}]\n';
    expect(await findings(workload, '1.34')).toEqual(['missing-schema /kind']);
    expect(await findings(workload, '1.35')).toEqual([]);
    expect(await findings(workload.replace('minCount: 4', 'minCount: "4"'), '1.35')).toEqual(['schema /spec/podGroups/0/policy/gang/minCount: expected integer, got string "4"']);
    const request = (apiVersion: string) =>
      `apiVersion: certificates.k8s.io/${apiVersion}\nkind: PodCertificateRequest\nmetadata: {name: r}\nspec:\n  signerName: example.com/signer\n  podName: p\n  podUID: u\n  serviceAccountName: default\n  serviceAccountUID: s1\n  nodeName: node-1\n  nodeUID: n1\n  pkixPublicKey: AAAA\n  proofOfPossession: AAAA\n`;
    expect(await findings(request('v1alpha1'), '1.34')).toEqual([]);
    expect(await findings(request('v1beta1'), '1.34')).toEqual(['missing-schema /kind']);
    expect(await findings(request('v1beta1'), '1.35')).toEqual([]);
    expect(await findings(request('v1alpha1'), '1.35')).toEqual(['missing-schema /kind']);
  });

});

describe('Kubernetes 1.36 (@kubernetes/client-node 2.0.1)', () => {
  it('accepts PodSpec.schedulingGroup, which 1.35 does not have, and checks its type', async () => {
    const grouped = pod('  schedulingGroup: {podGroupName: workers}\n');
    expect(await findings(grouped, '1.35')).toEqual(['unknown-field /spec/schedulingGroup']);
    expect(await findings(grouped, '1.36')).toEqual([]);
    expect(await findings(pod('  schedulingGroup: {podGroupName: 7}\n'), '1.36')).toEqual([
      'schema /spec/schedulingGroup/podGroupName: expected string, got integer 7: quote the value to keep it text (Kubernetes reads unquoted numbers as numbers, and 0644 as octal 420)',
    ]);
  });

  it('serves admissionregistration.k8s.io/v1 MutatingAdmissionPolicy, which 1.35 does not', async () => {
    const policy = 'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n  reinvocationPolicy: Never\n';
    expect(await findings(policy, '1.35')).toEqual(['missing-schema /kind']);
    expect(await findings(policy, '1.36')).toEqual([]);
  });

  it('is what master and latest mean', async () => {
    const grouped = pod('  schedulingGroup: {podGroupName: workers}\n');
    expect(await findings(grouped, 'latest')).toEqual([]);
    expect(await findings(grouped, 'master')).toEqual([]);
  });
});

describe('validatorUnder', () => {
  const delta: SchemaDelta = {
    source: 'test',
    absentKinds: [],
    absentFields: {},
    extraFields: { 'v1/Thing': { 'spec.items.*.size': { $ref: '#/definitions/Size' }, 'spec.note': {} } },
    changedFields: { 'v1/Thing': { 'spec.mode': { type: 'integer' } } },
    addedKinds: {},
    definitions: { Size: { oneOf: [{ type: 'string', format: 'quantity' }, { type: 'number' }] } },
  };
  /** A borrowed validator that knows spec.mode as a string. */
  const borrowed: GeneratedValidator = Object.assign(
    (data: unknown) => {
      const mode = (data as { spec?: { mode?: unknown } }).spec?.mode;
      borrowed.errors = mode === undefined || typeof mode === 'string' ? null : [{ instancePath: '/spec/mode', keyword: 'type', params: { type: 'string' } }];
      return borrowed.errors === null;
    },
    { errors: null },
  );

  it('checks typed extra fields wherever they are, and the changed type instead of the borrowed one', () => {
    const validate = validatorUnder(delta, 'v1', 'Thing', borrowed);
    expect(validate({ spec: { mode: 3, note: { any: 'thing' }, items: [{ size: '1Gi' }, { size: 2 }] } })).toBe(true);
    expect(validate({ spec: { mode: 'fast', items: [{ size: '1 Gi' }] } })).toBe(false);
    expect(validate.errors?.map((error) => `${error.instancePath} ${error.keyword}`)).toEqual(['/spec/items/0/size format', '/spec/items/0/size type', '/spec/items/0/size oneOf', '/spec/mode type']);
    // The borrowed validator's complaint about spec.mode (a string there) is dropped: 1.x's integer is checked instead.
    expect(validate.errors?.find((error) => error.instancePath === '/spec/mode')?.params).toEqual({ type: 'integer' });
  });

  it('returns the borrowed validator itself for a kind without typed fields', () => {
    expect(validatorUnder(delta, 'v1', 'Other', borrowed)).toBe(borrowed);
  });
});
