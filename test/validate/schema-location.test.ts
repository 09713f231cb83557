import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveKubernetesVersion, SchemaSourceError } from '../../lib/validate';
import { LocationSchemas, parseSchemaLocation, renderTemplate, templateValues } from '../../lib/validate/schema-location';

const V127 = resolveKubernetesVersion('1.27');

describe('parseSchemaLocation', () => {
  it('reads default as the built-in schemas', () => {
    expect(parseSchemaLocation('default')).toEqual({ type: 'default' });
  });

  it('takes a location ending in json as a file template, and appends kubeconform`s layout to a folder', () => {
    expect(parseSchemaLocation('schemas/{{ .ResourceKind }}.json')).toEqual({ type: 'files', template: 'schemas/{{ .ResourceKind }}.json' });
    expect(parseSchemaLocation('schemas/')).toEqual({
      type: 'files',
      template: 'schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json',
    });
  });

  it.each(['http://schemas.example.com/', 'HTTPS://example.com/{{ .ResourceKind }}.json'])('refuses %s: this validator never downloads', (location) => {
    expect(() => parseSchemaLocation(location)).toThrow(SchemaSourceError);
    expect(() => parseSchemaLocation(location)).toThrow('works offline');
  });

  it('refuses a template action kubeconform does not define, listing the ones it does', () => {
    expect(() => parseSchemaLocation('schemas/{{ .Kind }}.json')).toThrow('unsupported template action {{ .Kind }}: use {{ .Group }}, {{ .KindSuffix }}');
  });
});

describe('templateValues', () => {
  it('gives kubeconform`s values for a grouped kind', () => {
    expect(templateValues('monitoring.coreos.com/v1', 'ServiceMonitor', V127, true)).toEqual({
      NormalizedKubernetesVersion: 'v1.27.0',
      StrictSuffix: '-strict',
      ResourceKind: 'servicemonitor',
      ResourceAPIVersion: 'v1',
      Group: 'monitoring.coreos.com',
      KindSuffix: '-monitoring-v1',
    });
  });

  it('gives kubeconform`s values for a core kind (its group is the version)', () => {
    expect(templateValues('v1', 'ConfigMap', resolveKubernetesVersion('master'), false)).toEqual({
      NormalizedKubernetesVersion: 'master',
      StrictSuffix: '',
      ResourceKind: 'configmap',
      ResourceAPIVersion: 'v1',
      Group: 'v1',
      KindSuffix: '-v1',
    });
  });

  it('fills a template, with or without spaces in the actions', () => {
    const values = templateValues('apps/v1', 'Deployment', V127, true);
    expect(renderTemplate('s/{{.NormalizedKubernetesVersion}}{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json', values)).toBe('s/v1.27.0-strict/deployment-apps-v1.json');
  });
});

describe('LocationSchemas', () => {
  it('has no schema when the file the template names does not exist', () => {
    expect(new LocationSchemas('no/such/{{ .ResourceKind }}.json', V127, true).schemaFor('v1', 'ConfigMap')).toBeUndefined();
  });

  it('names a schema file that is not JSON', () => {
    const folder = mkdtempSync(join(tmpdir(), 'location-'));
    writeFileSync(join(folder, 'configmap.json'), '{ not json');
    expect(() => new LocationSchemas(join(folder, '{{ .ResourceKind }}.json'), V127, true).schemaFor('v1', 'ConfigMap')).toThrow(`schema ${join(folder, 'configmap.json')} for ConfigMap v1:`);
  });

  it('ends a recursive definition as free-form instead of recursing forever', () => {
    const folder = mkdtempSync(join(tmpdir(), 'location-'));
    const node = { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/Node' } } } };
    writeFileSync(join(folder, 'tree.json'), JSON.stringify({ type: 'object', properties: { spec: { $ref: '#/definitions/Node' } }, definitions: { Node: node } }));
    const tree = new LocationSchemas(join(folder, '{{ .ResourceKind }}.json'), V127, true).schemaFor('example.com/v1', 'Tree');
    const spec = tree?.fields.child('spec');
    expect(spec?.properties).toEqual(new Set(['children', 'name']));
    expect(spec?.child('children')?.child('*')?.shape).toBe('free');
    expect(tree?.validate({ spec: { name: 'a', children: [{ name: 'b', children: [{ name: 3 }] }] } })).toBe(false);
  });

  it('follows local $refs and leaves unknown-field reporting to the strict check', () => {
    const schemas = new LocationSchemas(join('test', 'fixtures', 'validate', 'schemas', '{{ .ResourceKind }}{{ .KindSuffix }}.json'), V127, true);
    const widget = schemas.schemaFor('example.com/v1', 'Widget');
    expect(widget?.fields.child('metadata')?.properties).toEqual(new Set(['labels', 'name', 'namespace']));
    // additionalProperties: false in the file: ajv's own error is dropped, the field walk reports it.
    expect(widget?.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, colour: 'red' } })).toBe(true);
    expect(widget?.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'one' } })).toBe(false);
  });
});
