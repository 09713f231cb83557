import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifest } from '../../lib/manifest';
import { readCrdFiles, SchemaSourceError, Validator, type ValidateOptions } from '../../lib/validate';

const CRDS = join('test', 'fixtures', 'validate', 'crds');

/** Validates one Widget (example.com/v1, from the fixture CRD) and lists `rule path` of each finding. */
async function widgetFindings(spec: string, options: Partial<ValidateOptions> = {}, metadata = '{name: w, namespace: video}'): Promise<string[]> {
  const validator = new Validator({ crdPaths: [CRDS], ...options });
  const [document] = parseManifest(`apiVersion: example.com/v1\nkind: Widget\nmetadata: ${metadata}\nspec:\n${spec}`, 'widget.yaml');
  const result = await validator.validateResource(document);
  return result.findings.map((finding) => `${finding.rule} ${finding.path}`);
}

describe('custom resources validated with their CRD', () => {
  it('accepts a resource that follows the schema', async () => {
    expect(await widgetFindings('  size: 3\n  port: 8080\n')).toEqual([]);
  });

  it('rejects unknown fields in strict mode, but not below x-kubernetes-preserve-unknown-fields', async () => {
    expect(await widgetFindings('  size: 3\n  colour: red\n  settings: {any: {thing: [1]}}\n')).toEqual(['unknown-field /spec/colour']);
    expect(await widgetFindings('  size: 3\n  colour: red\n', { strict: false })).toEqual([]);
  });

  it('checks the metadata of a custom resource as ObjectMeta', async () => {
    expect(await widgetFindings('  size: 3\n', {}, '{name: w, lables: {a: b}}')).toEqual(['unknown-field /metadata/lables']);
  });

  it('applies the schema: types, required fields, minimum', async () => {
    expect(await widgetFindings('  size: "3"\n')).toEqual(['schema /spec/size']);
    expect(await widgetFindings('  port: 80\n')).toEqual(['schema /spec/size']);
    expect(await widgetFindings('  size: 0\n')).toEqual(['schema /spec/size']);
  });

  it('takes x-kubernetes-int-or-string as an integer or a string, nothing else', async () => {
    expect(await widgetFindings('  size: 1\n  port: http\n')).toEqual([]);
    expect(await widgetFindings('  size: 1\n  port: true\n')).toEqual(['schema /spec/port']);
  });

  it('requires apiVersion and kind of an x-kubernetes-embedded-resource, and checks its metadata', async () => {
    expect(await widgetFindings('  size: 1\n  template: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: v}}\n')).toEqual([]);
    expect(await widgetFindings('  size: 1\n  template: {metadata: {name: c}}\n')).toEqual(['schema /spec/template/apiVersion', 'schema /spec/template/kind']);
    expect(await widgetFindings('  size: 1\n  template: {apiVersion: v1, kind: ConfigMap, metadata: {nmae: c}}\n')).toEqual(['unknown-field /spec/template/metadata/nmae']);
  });

  it('requires unique keys in a map-type list and unique items in a set-type list', async () => {
    expect(await widgetFindings('  size: 1\n  ports: [{name: a, number: 1}, {name: b, number: 1}]\n  tags: [x, z]\n')).toEqual([]);
    expect(await widgetFindings('  size: 1\n  ports: [{name: a, number: 1}, {name: a, number: 2}]\n')).toEqual(['schema /spec/ports']);
    expect(await widgetFindings('  size: 1\n  tags: [x, x]\n')).toEqual(['schema /spec/tags']);
  });

  it('has no schema for a version the CRD does not serve', async () => {
    const validator = new Validator({ crdPaths: [CRDS] });
    const [document] = parseManifest('apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w}\n', 'widget.yaml');
    expect((await validator.validateResource(document)).findings.map((finding) => finding.rule)).toEqual(['missing-schema']);
  });
});

describe('readCrdFiles', () => {
  function crdFile(text: string): string {
    const file = join(mkdtempSync(join(tmpdir(), 'crd-')), 'crd.yaml');
    writeFileSync(file, text);
    return file;
  }

  it('reads apiextensions.k8s.io/v1beta1 CRDs with one schema for every version', () => {
    const file = crdFile(
      'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata: {name: olds.example.com}\nspec:\n  group: example.com\n  version: v1\n  names: {kind: Old, plural: olds}\n  validation:\n    openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {a: {type: string}}}}}\n',
    );
    const schema = readCrdFiles([file]).schemaFor('example.com/v1', 'Old');
    expect(schema?.validate({ apiVersion: 'example.com/v1', kind: 'Old', metadata: {}, spec: { a: 1 } })).toBe(false);
    expect(schema?.fields.child('spec')?.properties).toEqual(new Set(['a']));
  });

  it('refuses a path without any CustomResourceDefinition', () => {
    const file = crdFile('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(() => readCrdFiles([file])).toThrow(SchemaSourceError);
    expect(() => readCrdFiles([file])).toThrow('no CustomResourceDefinition found');
  });

  it('names the CRD whose schema is not a valid JSON Schema', () => {
    const file = crdFile(
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: bads.example.com}\nspec:\n  group: example.com\n  names: {kind: Bad, plural: bads}\n  scope: Cluster\n  versions:\n    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {size: {type: 5}}}}}\n',
    );
    expect(() => readCrdFiles([file]).schemaFor('example.com/v1', 'Bad')).toThrow(`${file}:1: the openAPIV3Schema of Bad example.com/v1 is not a valid schema`);
  });
});

describe('CustomResourceDefinitions themselves', () => {
  const crd = (extension: string) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: things.example.com}\nspec:\n  group: example.com\n  names: {kind: Thing, plural: things}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec: {type: object, ${extension}: true}\n`;

  it('accept the x-kubernetes-* keys of JSONSchemaProps in strict mode', async () => {
    const [document] = parseManifest(crd('x-kubernetes-preserve-unknown-fields'), 'crd.yaml');
    expect((await new Validator().validateResource(document)).findings).toEqual([]);
  });

  it('still reject a misspelt one', async () => {
    const [document] = parseManifest(crd('x-kubernetes-preserve-unknown-field'), 'crd.yaml');
    const result = await new Validator().validateResource(document);
    expect(result.findings.map((finding) => `${finding.rule} ${finding.path}`)).toEqual([
      'unknown-field /spec/versions/0/schema/openAPIV3Schema/properties/spec/x-kubernetes-preserve-unknown-field',
    ]);
  });
});
