import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifest, readManifests } from '../../lib/manifest';
import { BUILTIN_CRD_FOLDER, resolveKubernetesVersion, SchemaCatalog, validateManifests, type ValidateOptions } from '../../lib/validate';

const FIXTURES = join('test', 'fixtures', 'validate');

async function statusOf(file: string, options: Partial<ValidateOptions>) {
  const report = await validateManifests(readManifests([join(FIXTURES, file)]), options);
  return report.resources.map((resource) => ({ status: resource.status, findings: resource.findings.map((finding) => `${finding.rule} ${finding.path}`) }));
}

describe('schema sets per Kubernetes version', () => {
  it('rejects a field the selected release does not have, and accepts it from the release that added it', async () => {
    const at127 = await statusOf('sidecar_container.yaml', { kubernetesVersion: resolveKubernetesVersion('1.27') });
    expect(at127).toEqual([{ status: 'invalid', findings: ['unknown-field /spec/template/spec/initContainers/0/restartPolicy'] }]);
    expect(await statusOf('sidecar_container.yaml', { kubernetesVersion: resolveKubernetesVersion('1.33') })).toEqual([{ status: 'valid', findings: [] }]);
  });

  it('has no schema for a kind the selected release does not serve', async () => {
    const policy = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: replicas}\nspec:\n  validations: [{expression: "object.spec.replicas <= 5"}]\n';
    const check = async (version: string) => {
      const report = await validateManifests({ files: ['policy.yaml'], documents: parseManifest(policy, 'policy.yaml') }, { kubernetesVersion: resolveKubernetesVersion(version) });
      return report.resources[0].findings.map((finding) => finding.rule);
    };
    expect(await check('1.27')).toEqual(['missing-schema']);
    expect(await check('1.33')).toEqual([]);
  });

  it('narrows a borrowed schema set to the fields of the selected release', async () => {
    // Lifecycle.stopSignal arrived in 1.33; 1.32 borrows 1.33's validators without it.
    const stopSignal = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: registry.example.com/c:1\n      lifecycle: {stopSignal: SIGTERM}\n';
    const findings = async (text: string, version: string) => {
      const report = await validateManifests({ files: ['pod.yaml'], documents: parseManifest(text, 'pod.yaml') }, { kubernetesVersion: resolveKubernetesVersion(version) });
      return report.resources[0].findings.map((finding) => `${finding.rule} ${finding.path}`);
    };
    expect(await findings(stopSignal, '1.32')).toEqual(['unknown-field /spec/containers/0/lifecycle/stopSignal']);
    expect(await findings(stopSignal, '1.33')).toEqual([]);
    // Sidecar containers arrived in 1.28: known to 1.28's narrowed set, unknown to 1.27's own package.
    expect((await statusOf('sidecar_container.yaml', { kubernetesVersion: resolveKubernetesVersion('1.28') }))[0].status).toBe('valid');
    // PodResourceClaim.source was dropped after 1.28: 1.28 still allows it.
    const claimSource = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: registry.example.com/c:1}]\n  resourceClaims: [{name: gpu, source: {resourceClaimName: gpu}}]\n';
    expect(await findings(claimSource, '1.28')).toEqual([]);
    expect(await findings(claimSource, '1.33')).toEqual(['unknown-field /spec/resourceClaims/0/source']);
  });

  it('has no schema for a kind the borrowing release does not serve', async () => {
    const policy = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: replicas}\nspec:\n  validations: [{expression: "object.spec.replicas <= 5"}]\n';
    const rules = async (version: string) => {
      const report = await validateManifests({ files: ['policy.yaml'], documents: parseManifest(policy, 'policy.yaml') }, { kubernetesVersion: resolveKubernetesVersion(version) });
      return report.resources[0].findings.map((finding) => finding.rule);
    };
    expect(await rules('1.29')).toEqual(['missing-schema']);
    expect(await rules('1.30')).toEqual([]);
  });

  it('refuses a release without a schema set when the catalog is made', () => {
    expect(() => new SchemaCatalog({ kubernetesVersion: { major: 1, minor: 37 }, strict: true, schemaLocations: [], crdPaths: [] })).toThrow('supported versions are 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36');
  });
});

describe('SchemaCatalog sources', () => {
  const options = { kubernetesVersion: resolveKubernetesVersion('1.33'), strict: true, schemaLocations: [] as string[], crdPaths: [] as string[] };

  it('searches --crd files before the built-in schemas', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'crd-'));
    // A CRD redefining a built-in kind wins over the package's schema.
    writeFileSync(
      join(folder, 'configmaps.yaml'),
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: configmaps.core}\nspec:\n  group: example.com\n  names: {kind: Gadget, plural: gadgets}\n  scope: Namespaced\n  versions:\n    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}}\n',
    );
    const catalog = new SchemaCatalog({ ...options, crdPaths: [folder] });
    expect(await catalog.schemaFor('example.com/v1', 'Gadget')).toMatchObject({ kind: 'Gadget' });
    expect(await catalog.schemaFor('example.com/v2', 'Gadget')).toBeUndefined();
    expect(await catalog.schemaFor('apps/v1', 'Deployment')).toMatchObject({ kind: 'Deployment' });
  });

  it('uses only the listed locations once any is given (kubeconform: default must be named)', async () => {
    const template = join(FIXTURES, 'schemas', '{{ .ResourceKind }}{{ .KindSuffix }}.json');
    const withoutDefault = new SchemaCatalog({ ...options, schemaLocations: [template] });
    expect(await withoutDefault.schemaFor('example.com/v1', 'Widget')).toMatchObject({ kind: 'Widget' });
    expect(await withoutDefault.schemaFor('v1', 'ConfigMap')).toBeUndefined();
    const withDefault = new SchemaCatalog({ ...options, schemaLocations: [template, 'default'] });
    expect(await withDefault.schemaFor('v1', 'ConfigMap')).toMatchObject({ kind: 'ConfigMap' });
  });

  it('reads a folder location laid out like kubernetes-json-schema, per version and strictness', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'schemas-'));
    mkdirSync(join(folder, 'v1.27.0-standalone-strict'));
    writeFileSync(join(folder, 'v1.27.0-standalone-strict', 'widget-example-v1.json'), JSON.stringify({ type: 'object', properties: { spec: { type: 'object' } } }));
    const strict127 = new SchemaCatalog({ ...options, kubernetesVersion: resolveKubernetesVersion('1.27'), schemaLocations: [folder] });
    expect(await strict127.schemaFor('example.com/v1', 'Widget')).toMatchObject({ kind: 'Widget' });
    const loose127 = new SchemaCatalog({ ...options, kubernetesVersion: resolveKubernetesVersion('1.27'), strict: false, schemaLocations: [folder] });
    expect(await loose127.schemaFor('example.com/v1', 'Widget')).toBeUndefined();
    const strict133 = new SchemaCatalog({ ...options, schemaLocations: [folder] });
    expect(await strict133.schemaFor('example.com/v1', 'Widget')).toBeUndefined();
  });

  it('refuses an http location: nothing is downloaded', () => {
    expect(() => new SchemaCatalog({ ...options, schemaLocations: ['https://example.com/schemas'] })).toThrow('works offline and never downloads schemas');
  });

  it('reads the built-in CRD folder in the default location, after the packages', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'builtin-crds-'));
    writeFileSync(join(folder, 'widgets.example.com.yaml'), readFileSync(join(FIXTURES, 'crds', 'widgets.example.com.yaml'), 'utf8'));
    const builtin = new SchemaCatalog(options, folder);
    expect(await builtin.schemaFor('example.com/v1', 'Widget')).toMatchObject({ kind: 'Widget' });
    const elsewhere = new SchemaCatalog({ ...options, schemaLocations: [join(FIXTURES, 'schemas', 'none.json')] }, folder);
    expect(await elsewhere.schemaFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(BUILTIN_CRD_FOLDER).toMatch(/lib[/\\]validate[/\\]crds$/);
  });
});
