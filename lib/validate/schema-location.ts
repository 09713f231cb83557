import * as fs from 'fs';
import { SchemaSourceError } from './crd-schemas';
import { normalizedKubernetesVersion, type KubernetesVersion } from './kubernetes-version';
import { compileOpenApiSchema } from './openapi-schema';
import type { KindSchema } from './package-schemas';

/**
 * kubeconform's `-schema-location`: `default` (here: the built-in schemas), or a path template
 * naming one JSON Schema file per resource. A location not ending in `json` is a folder laid out
 * like kubernetes-json-schema, to which kubeconform's default file template is appended.
 */
export type SchemaLocation = { readonly type: 'default' } | { readonly type: 'files'; readonly template: string };

const FOLDER_LAYOUT = '/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';

/** The values a template may use, as kubeconform names them. */
export interface TemplateValues {
  readonly NormalizedKubernetesVersion: string;
  readonly StrictSuffix: string;
  readonly ResourceKind: string;
  readonly ResourceAPIVersion: string;
  readonly Group: string;
  readonly KindSuffix: string;
}

const ACTION = /\{\{-?\s*(.*?)\s*-?\}\}/g;

/**
 * Parses one `--schema-location` value.
 * @throws SchemaSourceError for an http(s) location (no network here) or a template using a value kubeconform does not define.
 */
export function parseSchemaLocation(text: string): SchemaLocation {
  if (text === 'default') return { type: 'default' };
  if (/^https?:\/\//i.test(text)) {
    throw new SchemaSourceError(
      `--schema-location ${text}: this validator works offline and never downloads schemas; copy them to disk and give the folder or a file template, or use "default"`,
    );
  }
  const template = text.endsWith('json') ? text : text.replace(/\/+$/, '') + FOLDER_LAYOUT;
  renderTemplate(template, templateValues('apps/v1', 'Deployment', { major: 1, minor: 0, alias: 'master' }, true));
  return { type: 'files', template };
}

/** kubeconform's values for one resource: the kind lower-cased, `-<group's first label>-<version>` as suffix. */
export function templateValues(apiVersion: string, kind: string, version: KubernetesVersion, strict: boolean): TemplateValues {
  const groupParts = apiVersion.split('/');
  const firstLabel = groupParts[0].split('.')[0].toLowerCase();
  const kindSuffix = groupParts.length > 1 ? `-${firstLabel}-${groupParts[1].toLowerCase()}` : `-${firstLabel}`;
  return {
    NormalizedKubernetesVersion: normalizedKubernetesVersion(version),
    StrictSuffix: strict ? '-strict' : '',
    ResourceKind: kind.toLowerCase(),
    ResourceAPIVersion: groupParts[groupParts.length - 1],
    Group: groupParts[0],
    KindSuffix: kindSuffix,
  };
}

/**
 * Fills in a template's `{{ .Name }}` actions.
 * @throws SchemaSourceError naming an unknown value or an unsupported action.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(ACTION, (_action, body: string) => {
    const field = /^\.([A-Za-z]+)$/.exec(body);
    if (field === null || !(field[1] in values)) {
      const known = Object.keys(values).sort().map((name) => `{{ .${name} }}`).join(', ');
      throw new SchemaSourceError(`--schema-location ${template}: unsupported template action {{ ${body} }}: use ${known}`);
    }
    return values[field[1] as keyof TemplateValues];
  });
}

/** JSON Schema files found through a file template; each file is read and compiled once. */
export class LocationSchemas {
  private readonly compiled = new Map<string, KindSchema | undefined>();

  constructor(
    private readonly template: string,
    private readonly version: KubernetesVersion,
    private readonly strict: boolean,
  ) {}

  /**
   * The schema in the file the template names for this resource, if that file exists.
   * @throws SchemaSourceError when the file is not a valid JSON Schema.
   */
  schemaFor(apiVersion: string, kind: string): KindSchema | undefined {
    const file = renderTemplate(this.template, templateValues(apiVersion, kind, this.version, this.strict));
    if (this.compiled.has(file)) return this.compiled.get(file);
    let schema: KindSchema | undefined;
    if (fs.existsSync(file)) {
      try {
        const document = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        schema = { apiVersion, kind, ...compileOpenApiSchema(document, { resource: false }) };
      } catch (error) {
        throw new SchemaSourceError(`schema ${file} for ${kind} ${apiVersion}: ${(error as Error).message}`);
      }
    }
    this.compiled.set(file, schema);
    return schema;
  }
}
