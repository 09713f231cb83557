/**
 * Writes lib/validate/schema-deltas/<version>.json: for each Kubernetes release without a
 * kubernetes-models package of its own (see SCHEMA_SETS), how its API differs from 1.33, whose
 * validators it borrows. Run with `npm run schemas:deltas` after changing SCHEMA_SETS or the
 * sources below; it downloads them with `npm pack` into a temporary folder. Not part of the build,
 * and nothing here runs when the validator does.
 *
 * Each release is described by a package generated from exactly its OpenAPI document, and is
 * compared with the same generator's 1.33, so that the generators' quirks cancel out:
 *
 * - @kubernetes/client-node (1.28, 1.29, 1.30, 1.32, 1.34): every API type's fields with their
 *   types and formats (`attributeTypeMap`), required fields (no `?` in the .d.ts), and the kinds of
 *   each group version (the API classes' paths).
 * - cdk8s-plus-31 (1.31, against cdk8s-plus-33): the JSON field names of every struct
 *   (`toJson_*` in lib/imports/k8s.js), which leave status out; 1.31 also lacks whatever 1.32 lacks.
 *   No client-node release was generated from 1.31. (cdk8s-plus-32 against cdk8s-plus-33 gives
 *   client-node's 1.32 delta exactly, less its status fields.)
 * - @pulumi/kubernetes (1.35, against its 1.33 release): the SDK's input types (types/input.d.ts),
 *   with required fields. No client-node or kubernetes-models release was generated from 1.35.
 *
 * The delta lists the kinds and field paths 1.33 has and the release lacks (unknown there), the
 * fields the release has and 1.33 lacks (`extraFields`, with a JSON schema each), fields whose
 * type changed (`changedFields`), and kinds newer than 1.33 (`addedKinds`, each a full schema).
 *
 * How the schemas are derived (lower fidelity than kubernetes-models' own validators, which come
 * from the OpenAPI document itself):
 * - JSON types come from the generator's type: string, boolean, arrays, string-keyed maps, nested
 *   types as `definitions`. client-node's number formats say integer (int32, int64) or number
 *   (double); Pulumi's types only say `number` and `string`, so 1.35's numbers and strings take the
 *   format (int32, int64, date-time, byte) client-node 2.0.1 (Kubernetes 1.36) gives the same type's
 *   field, and stay a plain number or string where it has none. Pulumi has no list types: a kind's
 *   list (PodList) is `items` of the kind with ListMeta, as Kubernetes defines every list.
 * - int-or-string (client-node `IntOrString`, Pulumi `number | string`) is a string or an int32;
 *   quantities, which every generator types as plain strings, are a quantity string or a number
 *   (as kubernetes-models has them) where kubernetes-models 5.1.0 (Kubernetes 1.36, the newest
 *   release with exact schemas; ESM for Node 22, so read here and never loaded) refers that type's
 *   field to Quantity; date-times are strings with format date-time.
 * - Enums, patterns, defaults and the x-kubernetes list and map rules are not in these sources.
 * - cdk8s-plus-31's imports give names and nesting only: the few fields 1.31 has and 1.33 dropped
 *   are allowed without a type check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { SCHEMA_SETS } from '../lib/validate/kubernetes-version';
import type { SchemaDelta, SchemaObject } from '../lib/validate/schema-deltas';

/**
 * The @kubernetes/client-node release generated from each Kubernetes minor. Its README's table is
 * off by one before 1.0, so each was checked against fields and kinds the minor introduced
 * (Container.restartPolicy in 1.28, flowcontrol v1 in 1.29, admissionregistration v1
 * ValidatingAdmissionPolicy in 1.30, PodSpec.resources in 1.32, Lifecycle.stopSignal in 1.33,
 * PodSpec.hostnameOverride and certificates v1alpha1 PodCertificateRequest in 1.34). 2.0.x is 1.36
 * (scheduling v1alpha2 PodGroup, PodSpec.schedulingGroup, admissionregistration v1
 * MutatingAdmissionPolicy); no release was generated from 1.31 or 1.35.
 */
const CLIENT_NODE_RELEASES: Readonly<Record<string, string>> = {
  '1.28': '0.20.0',
  '1.29': '0.21.0',
  '1.30': '0.22.3',
  '1.32': '1.1.2',
  '1.33': '1.3.0',
  '1.34': '1.4.0',
  '1.36': '2.0.1',
};

/** The client-node release whose number and string formats refine 1.35's types (Kubernetes 1.36). */
const FORMAT_RELEASE = '2.0.1';

/**
 * cdk8s-plus-31 is Kubernetes 1.31: it has ImageVolumeSource and PodSecurityContext.supplementalGroupsPolicy
 * (1.31) and not PodSpec.resources (1.32); cdk8s-plus-33 has Lifecycle.stopSignal (1.33).
 */
const CDK8S_PLUS_RELEASES: Readonly<Record<string, string>> = { '1.31': 'cdk8s-plus-31@2.6.43', '1.33': 'cdk8s-plus-33@2.5.57' };

/**
 * @pulumi/kubernetes 4.29.0 is Kubernetes 1.35 (scheduling v1alpha1 Workload and PodSpec.workloadRef,
 * certificates v1beta1 PodCertificateRequest, NodeStatus.declaredFeatures; no PodSpec.schedulingGroup,
 * which 1.36 has); 4.25.0 is 1.33 (Lifecycle.stopSignal, no PodSpec.hostnameOverride).
 */
const PULUMI_RELEASES: Readonly<Record<string, string>> = { '1.33': '4.25.0', '1.35': '4.29.0' };

/** Where the quantity fields are read from (see the file comment). */
const QUANTITY_SOURCE = 'kubernetes-models@5.1.0';

/** The generator describing each release; its 1.33 is what the release is compared with. */
const SOURCE_OF: Readonly<Record<string, 'client-node' | 'cdk8s-plus' | 'pulumi'>> = {
  '1.28': 'client-node',
  '1.29': 'client-node',
  '1.30': 'client-node',
  '1.31': 'cdk8s-plus',
  '1.32': 'client-node',
  '1.34': 'client-node',
  '1.35': 'pulumi',
  '1.36': 'client-node',
};

/** A field's type as the generators describe it. */
type TypeRef =
  | { readonly t: 'model'; readonly name: string }
  | { readonly t: 'array' | 'map'; readonly of: TypeRef }
  | { readonly t: 'string'; readonly format?: string }
  | { readonly t: 'integer'; readonly format?: string }
  | { readonly t: 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'any' };

interface Field {
  readonly type: TypeRef;
  readonly required: boolean;
}

/** One release as one generator describes it. */
interface Api {
  readonly label: string;
  readonly models: Map<string, Map<string, Field>>;
  /** `apiVersion/Kind` → model. */
  readonly kinds: Map<string, string>;
  /** Whether scalar types are known (cdk8s-plus's imports give nesting only). */
  readonly typed: boolean;
}

const scratch = mkdtempSync(join(tmpdir(), 'schema-deltas-'));

/** Downloads and unpacks a package; returns its folder. */
function unpack(spec: string): string {
  const folder = join(scratch, spec.replace(/[@/]/g, '_'));
  mkdirSync(folder, { recursive: true });
  const file = execFileSync('npm', ['pack', spec, '--silent'], { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', join(folder, file), '-C', folder]);
  return join(folder, 'package');
}

const cache = new Map<string, Api>();
function once(key: string, read: () => Api): Api {
  let api = cache.get(key);
  if (api === undefined) cache.set(key, (api = read()));
  return api;
}

// ---------------------------------------------------------------------------------------------
// @kubernetes/client-node

function clientNode(release: string): Api {
  return once(`client-node@${release}`, () => {
    const root = join(unpack(`@kubernetes/client-node@${release}`), 'dist', 'gen');
    const modelDir = readdirSync(root).includes('models') ? join(root, 'models') : join(root, 'model');
    const attributes = new Map<string, { baseName: string; type: string; format?: string }[]>();
    const files = new Map<string, string>();
    for (const file of readdirSync(modelDir).filter((name) => name.endsWith('.js'))) {
      const match = /^(\w+)\.attributeTypeMap = (\[[\s\S]*?\]);$/m.exec(readFileSync(join(modelDir, file), 'utf8'));
      if (!match) continue;
      attributes.set(match[1], JSON.parse(match[2]));
      files.set(match[1], file);
    }
    const models = new Map<string, Map<string, Field>>();
    for (const [name, list] of attributes) {
      // 0.x names its files in lower camel case (v1Container.js).
      const declaration = readFileSync(join(modelDir, files.get(name)!.replace(/\.js$/, '.d.ts')), 'utf8');
      const optional = new Set([...declaration.matchAll(/^\s+'([^']+)'\?:/gm)].map((match) => match[1]));
      const fields = new Map<string, Field>();
      for (const attribute of list) fields.set(attribute.baseName, { type: clientNodeType(attribute.type, attribute.format ?? '', attributes), required: !optional.has(attribute.baseName) });
      models.set(name, fields);
    }
    return { label: `@kubernetes/client-node@${release}`, models, kinds: clientNodeKinds(root, models), typed: true };
  });
}

function clientNodeType(type: string, format: string, models: ReadonlyMap<string, unknown>): TypeRef {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { t: 'array', of: clientNodeType(array[1], format, models) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { t: 'map', of: clientNodeType(map[1], format, models) };
  if (type === 'string') return format === 'byte' || format === 'date-time' ? { t: 'string', format } : { t: 'string' };
  if (type === 'Date') return { t: 'string', format: 'date-time' };
  if (type === 'boolean') return { t: 'boolean' };
  if (type === 'number') return format === 'int32' || format === 'int64' ? { t: 'integer', format } : { t: 'number' };
  if (type === 'IntOrString') return { t: 'int-or-string' };
  if (models.has(type)) return { t: 'model', name: type };
  // MicroTime has no model of its own; `any` and `object` are free-form.
  if (format.startsWith('date-time')) return { t: 'string' };
  return { t: 'any' };
}

/** The kinds each API class serves: its group version from the paths, its kinds from the types it reads. */
function clientNodeKinds(root: string, models: ReadonlyMap<string, ReadonlyMap<string, Field>>): Map<string, string> {
  const kinds = new Map<string, string>();
  const apiDir = join(root, readdirSync(root).includes('apis') ? 'apis' : 'api');
  for (const file of readdirSync(apiDir).filter((name) => /Api\.js$/.test(name))) {
    const source = readFileSync(join(apiDir, file), 'utf8');
    const path = /'\/(?:api\/(v1)|apis\/([a-z0-9.-]+)\/(v[a-z0-9]+))\//.exec(source);
    if (!path) continue;
    const apiVersion = path[1] ?? `${path[2]}/${path[3]}`;
    const version = apiVersion.split('/').pop()!;
    const prefix = version[0].toUpperCase() + version.slice(1);
    for (const [, name] of source.matchAll(/"([A-Z]\w+)"/g)) {
      const fields = models.get(name);
      if (!fields?.has('kind') || !fields.has('apiVersion')) continue;
      const at = name.indexOf(prefix);
      if (at < 0 || !/^[A-Z]/.test(name.slice(at + prefix.length))) continue;
      const kind = name.slice(at + prefix.length);
      if (['Status', 'DeleteOptions', 'APIResourceList', 'APIGroup', 'APIGroupList', 'APIVersions', 'WatchEvent'].includes(kind)) continue;
      kinds.set(`${apiVersion}/${kind}`, name);
    }
  }
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// cdk8s-plus-NN's imports

function cdk8sPlus(spec: string): Api {
  return once(spec, () => {
    const source = readFileSync(join(unpack(spec), 'lib', 'imports', 'k8s.js'), 'utf8');
    const models = new Map<string, Map<string, Field>>();
    for (const match of source.matchAll(/^function toJson_(\w+)\(obj\) \{[\s\S]*?const result = \{\n([\s\S]*?)\n {4}\};/gm)) {
      const fields = new Map<string, Field>();
      for (const line of match[2].split('\n')) {
        const entry = /^\s+'([^']+)': (.*),$/.exec(line);
        if (entry) fields.set(entry[1], { type: cdk8sType(entry[2]), required: false });
      }
      models.set(match[1], fields);
    }
    const kinds = new Map<string, string>();
    for (const match of source.matchAll(/^class (Kube\w+) extends [\s\S]*?GVK = \{\s*apiVersion: '([^']+)',\s*kind: '([^']+)',/gm)) {
      if (models.has(`${match[1]}Props`)) kinds.set(`${match[2]}/${match[3]}`, `${match[1]}Props`);
    }
    return { label: spec, models, kinds, typed: false };
  });
}

/** The nesting a `toJson_*` entry shows: another struct, a list or map of one, or a value. */
function cdk8sType(expression: string): TypeRef {
  const mapOf = /\[i\[0\]\]: (.*?) \}\), \{\}\)\)$/.exec(expression);
  if (mapOf) return { t: 'map', of: cdk8sValue(mapOf[1].replace(/i\[1\]/g, 'obj.x')) };
  return cdk8sValue(expression);
}

function cdk8sValue(expression: string): TypeRef {
  const listOf = /^obj\.\w+\?\.map\(y => (.*)\)$/.exec(expression);
  if (listOf) return { t: 'array', of: cdk8sValue(listOf[1].replace(/\by\b/g, 'obj.x')) };
  const struct = /^toJson_(\w+)\(obj\.\w+\)$/.exec(expression);
  if (struct) return { t: 'model', name: struct[1] };
  return { t: 'any' };
}

// ---------------------------------------------------------------------------------------------
// @pulumi/kubernetes's input types

function pulumi(release: string): Api {
  return once(`pulumi@${release}`, () => {
    const root = unpack(`@pulumi/kubernetes@${release}`);
    const file = join(root, 'types', 'input.d.ts');
    const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const models = new Map<string, Map<string, Field>>();
    const kinds = new Map<string, string>();
    const visit = (node: ts.Node, namespace: string[]) => {
      if (ts.isModuleDeclaration(node) && node.body) {
        const inner = [...namespace, node.name.getText(sourceFile)];
        if (ts.isModuleBlock(node.body)) node.body.statements.forEach((statement) => visit(statement, inner));
        return;
      }
      if (!ts.isInterfaceDeclaration(node) || namespace.length < 2 || node.name.text.endsWith('Patch')) return;
      const name = [...namespace, node.name.text].join('.');
      const fields = new Map<string, Field>();
      const literals = new Map<string, string>();
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const field = member.name.getText(sourceFile).replace(/^"|"$/g, '').replace(/^x_kubernetes_\w+$/, (name) => name.replace(/_/g, '-'));
        const type = pulumiType(member.type, sourceFile);
        const literal = literalOf(member.type, sourceFile);
        if (literal !== undefined) literals.set(field, literal);
        fields.set(field, { type, required: member.questionToken === undefined });
      }
      models.set(name, fields);
      const apiVersion = literals.get('apiVersion');
      const kind = literals.get('kind');
      if (apiVersion === undefined || kind === undefined) return;
      kinds.set(`${apiVersion}/${kind}`, name);
      // A list kind has a resource class of its own (core/v1/podList.d.ts) and no input type.
      if (existsSync(join(root, ...namespace, `${kind[0].toLowerCase()}${kind.slice(1)}List.d.ts`))) {
        models.set(`${name}List`, new Map<string, Field>([
          ['apiVersion', { type: { t: 'string' }, required: false }],
          ['items', { type: { t: 'array', of: { t: 'model', name } }, required: true }],
          ['kind', { type: { t: 'string' }, required: false }],
          ['metadata', { type: { t: 'model', name: 'meta.v1.ListMeta' }, required: false }],
        ]));
        kinds.set(`${apiVersion}/${kind}List`, `${name}List`);
      }
    };
    sourceFile.statements.forEach((statement) => visit(statement, []));
    return { label: `@pulumi/kubernetes@${release}`, models, kinds, typed: true };
  });
}

/** `pulumi.Input<T>` → T */
function unwrapInput(type: ts.TypeNode, sourceFile: ts.SourceFile): ts.TypeNode {
  while (ts.isTypeReferenceNode(type) && type.typeName.getText(sourceFile) === 'pulumi.Input' && type.typeArguments?.length === 1) type = type.typeArguments[0];
  return type;
}

function literalOf(node: ts.TypeNode, sourceFile: ts.SourceFile): string | undefined {
  const type = unwrapInput(node, sourceFile);
  return ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal) ? type.literal.text : undefined;
}

function pulumiType(node: ts.TypeNode, sourceFile: ts.SourceFile): TypeRef {
  const type = unwrapInput(node, sourceFile);
  if (ts.isArrayTypeNode(type)) return { t: 'array', of: pulumiType(type.elementType, sourceFile) };
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    return index?.type ? { t: 'map', of: pulumiType(index.type, sourceFile) } : { t: 'any' };
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText(sourceFile);
    return name.startsWith('inputs.') ? { t: 'model', name: name.slice('inputs.'.length) } : { t: 'any' };
  }
  if (ts.isUnionTypeNode(type)) {
    const members = type.types.map((member) => member.getText(sourceFile)).sort();
    return members.join('|') === 'number|string' ? { t: 'int-or-string' } : { t: 'any' };
  }
  if (ts.isLiteralTypeNode(type)) return { t: 'string' };
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { t: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { t: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { t: 'boolean' };
    default:
      return { t: 'any' };
  }
}

// ---------------------------------------------------------------------------------------------
// Refinements from other sources: number formats and quantities, keyed by version and type name.

/** `V1Container`, `CoreV1Container`, `core.v1.Container`, `IoK8sApiCoreV1Container` → `V1Container`. */
function typeKey(model: string): string {
  const dotted = /^[\w.-]+\.(v\d\w*)\.(\w+)$/.exec(model);
  if (dotted) return `${dotted[1][0].toUpperCase()}${dotted[1].slice(1)}${dotted[2]}`;
  const versioned = /(V\d+(?:alpha\d+|beta\d+)?[A-Z]\w*)$/.exec(model);
  return versioned ? versioned[1] : model;
}

/** Per `V1Type.field`, the number or formatted string (date-time, byte) the given client-node release has there. */
function scalarFormats(release: string): Map<string, TypeRef> {
  const formats = new Map<string, TypeRef>();
  for (const [name, fields] of clientNode(release).models) {
    for (const [field, { type }] of fields) {
      let inner = type;
      while (inner.t === 'array' || inner.t === 'map') inner = inner.of;
      if (inner.t === 'integer' || inner.t === 'number' || (inner.t === 'string' && inner.format !== undefined)) formats.set(`${typeKey(name)}.${field}`, inner);
    }
  }
  return formats;
}

/**
 * Per `V1Type.field`, whether kubernetes-models 5.1.0's validator of that type refers the field
 * (or its items or map values) to Quantity. Its _schemas are ajv standalone code: the type's root
 * function calls one function per property, which calls others or an imported validator.
 */
function quantityFields(): Set<string> {
  const folder = join(unpack(QUANTITY_SOURCE), '_schemas');
  const quantities = new Set<string>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.js'))) {
    const source = readFileSync(join(folder, file), 'utf8');
    if (!source.includes('IoK8sApimachineryPkgApiResourceQuantity')) continue;
    const imported = new Map([...source.matchAll(/import\{validate as (validate\d+)\}from"([^"]+)"/g)].map((match) => [match[1], match[2]]));
    const starts = [...source.matchAll(/function (validate\d+)\(data,/g)].map((match) => ({ name: match[1], at: match.index }));
    const bodies = new Map(starts.map(({ name, at }, i) => [name, source.slice(at, starts[i + 1]?.at ?? source.length)]));
    const reaches = (name: string, seen: Set<string>): boolean => {
      if (imported.has(name)) return imported.get(name)!.endsWith('IoK8sApimachineryPkgApiResourceQuantity');
      if (seen.has(name) || !bodies.has(name)) return false;
      seen.add(name);
      return [...bodies.get(name)!.matchAll(/(validate\d+)\(data\b/g)].some((match) => match[1] !== name && reaches(match[1], seen));
    };
    const root = /export const validate=(validate\d+)/.exec(source)?.[1];
    if (root === undefined) continue;
    for (const match of bodies.get(root)!.matchAll(/void 0!==data(?:\.([\w$]+)|\["([^"]+)"\])&&\((validate\d+)\(/g)) {
      if (reaches(match[3], new Set())) quantities.add(`${typeKey(file.slice(0, -3))}.${match[1] ?? match[2]}`);
    }
  }
  return quantities;
}

let quantities: Set<string> | undefined;
let formats: Map<string, TypeRef> | undefined;

/** A field's type with the refinements applied: quantities, and for Pulumi the number formats. */
function refined(api: Api, model: string, field: string, type: TypeRef): TypeRef {
  const key = `${typeKey(model)}.${field}`;
  const replace = (inner: TypeRef): TypeRef => {
    if (inner.t === 'array' || inner.t === 'map') return { t: inner.t, of: replace(inner.of) };
    if (inner.t === 'string' && inner.format === undefined && (quantities ??= quantityFields()).has(key)) return { t: 'quantity' };
    if ((inner.t === 'number' || inner.t === 'string') && api.label.startsWith('@pulumi/')) {
      const known = (formats ??= scalarFormats(FORMAT_RELEASE)).get(key);
      if (known !== undefined && shape(known) === shape(inner)) return known;
    }
    return inner;
  };
  return replace(type);
}

// ---------------------------------------------------------------------------------------------
// The comparison

interface KindDelta {
  readonly absent: string[];
  readonly extra: Record<string, SchemaObject>;
  readonly changed: Record<string, SchemaObject>;
}

/** Turns types of `api` into JSON schemas, collecting the definitions they refer to. */
class SchemaWriter {
  readonly definitions: Record<string, SchemaObject> = {};

  constructor(private readonly api: Api) {}

  schemaOf(type: TypeRef): SchemaObject {
    if (!this.api.typed) return {};
    switch (type.t) {
      case 'model':
        // A type the generator names but does not declare is left free-form.
        if (!this.api.models.has(type.name)) return {};
        this.define(type.name);
        return { $ref: `#/definitions/${type.name}` };
      case 'array':
        return { type: 'array', items: this.schemaOf(type.of) };
      case 'map':
        return { type: 'object', additionalProperties: this.schemaOf(type.of) };
      case 'string':
      case 'integer':
        return type.format === undefined ? { type: type.t } : { type: type.t, format: type.format };
      case 'number':
      case 'boolean':
        return { type: type.t };
      case 'int-or-string':
        return { oneOf: [{ type: 'string' }, { type: 'integer', format: 'int32' }] };
      case 'quantity':
        return { oneOf: [{ type: 'string', format: 'quantity' }, { type: 'number' }] };
      case 'any':
        return {};
    }
  }

  /** The schema of a model, inline (an added kind's root). */
  modelSchema(name: string): SchemaObject {
    const fields = this.api.models.get(name)!;
    const properties: Record<string, SchemaObject> = {};
    const required: string[] = [];
    for (const [field, { type, required: isRequired }] of [...fields].sort(([a], [b]) => a.localeCompare(b))) {
      properties[field] = this.schemaOf(refined(this.api, name, field, type));
      if (isRequired && field !== 'apiVersion' && field !== 'kind') required.push(field);
    }
    return required.length > 0 ? { type: 'object', properties, required } : { type: 'object', properties };
  }

  private define(name: string): void {
    if (name in this.definitions) return;
    this.definitions[name] = {};
    this.definitions[name] = this.modelSchema(name);
  }
}

/** What kind of value a type holds, to tell a changed type from a renamed generator type. */
function shape(type: TypeRef): string {
  if (type.t === 'array' || type.t === 'map') return `${type.t}<${shape(type.of)}>`;
  if (type.t === 'integer' || type.t === 'number') return 'number';
  if (type.t === 'string' || type.t === 'quantity') return 'string';
  return type.t;
}

/** Walks one kind in both releases at once, recording fields only one of them has and fields whose type changed. */
function compare(base: Api, target: Api, writer: SchemaWriter, baseModel: string, targetModel: string, path: string[], stack: Set<string>, delta: KindDelta): void {
  if (stack.has(targetModel)) return;
  stack.add(targetModel);
  const baseFields = base.models.get(baseModel)!;
  const targetFields = target.models.get(targetModel)!;
  for (const [field, { type: baseType }] of baseFields) {
    const targetField = targetFields.get(field);
    if (targetField === undefined) {
      delta.absent.push([...path, field].join('.'));
      continue;
    }
    const segments = [...path, field];
    let baseInner = baseType;
    let targetInner = targetField.type;
    // Nested wrappers (a map of arrays) add one `*` each.
    while ((baseInner.t === 'array' || baseInner.t === 'map') && baseInner.t === targetInner.t) {
      segments.push('*');
      baseInner = baseInner.of;
      targetInner = (targetInner as { of: TypeRef }).of;
    }
    if (baseInner.t === 'model' && targetInner.t === 'model') {
      if (base.models.has(baseInner.name) && target.models.has(targetInner.name)) compare(base, target, writer, baseInner.name, targetInner.name, segments, stack, delta);
    } else if (target.typed && shape(baseInner) !== shape(targetInner) && baseInner.t !== 'any' && targetInner.t !== 'any') {
      delta.changed[[...path, field].join('.')] = writer.schemaOf(refined(target, targetModel, field, targetField.type));
    }
  }
  for (const [field, { type }] of targetFields) {
    if (!baseFields.has(field)) delta.extra[[...path, field].join('.')] = writer.schemaOf(refined(target, targetModel, field, type));
  }
  stack.delete(targetModel);
}

/** Every top-level kind of a kubernetes-models package: `<group>/<version>/<Kind>.js` declaring both. */
function kindsOf(packageName: string): [string, string][] {
  const root = join('node_modules', packageName);
  const kinds: [string, string][] = [];
  const visit = (folder: string, apiVersion: string) => {
    for (const file of readdirSync(folder).filter((name) => /^[A-Z]\w*\.js$/.test(name))) {
      const kind = file.slice(0, -3);
      const source = readFileSync(join(folder, file), 'utf8');
      if (source.includes(`.apiVersion=${JSON.stringify(apiVersion)}`) && source.includes(`.kind=${JSON.stringify(kind)}`)) kinds.push([apiVersion, kind]);
    }
  };
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
    if (/^v\d/.test(entry.name)) visit(join(root, entry.name), entry.name);
    else for (const version of readdirSync(join(root, entry.name), { withFileTypes: true })) if (version.isDirectory()) visit(join(root, entry.name, version.name), `${entry.name}/${version.name}`);
  }
  return kinds.sort(([a, b], [c, d]) => `${a}/${b}`.localeCompare(`${c}/${d}`));
}

/**
 * The model of a kind. client-node's API classes do not list the kinds only read through another
 * group's API (policy/v1 Eviction is created through the core API): those are found by name, as
 * client-node names types (`V1Eviction`, or `CoreV1Event` where two groups have one).
 */
function modelOfKind(api: Api, apiVersion: string, kind: string): string | undefined {
  const known = api.kinds.get(`${apiVersion}/${kind}`);
  if (known !== undefined || !api.label.startsWith('@kubernetes/client-node')) return known;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);
  return [`${capitalise(group.split('.')[0])}${capitalise(version)}${kind}`, `${capitalise(version)}${kind}`].find((name) => api.models.has(name));
}

/** The generator's description of a release. */
function apiOf(source: 'client-node' | 'cdk8s-plus' | 'pulumi', version: string): Api {
  if (source === 'client-node') return clientNode(CLIENT_NODE_RELEASES[version]);
  if (source === 'cdk8s-plus') return cdk8sPlus(CDK8S_PLUS_RELEASES[version]);
  return pulumi(PULUMI_RELEASES[version]);
}

/**
 * cdk8s-plus's imports leave status out, so 1.31 also lacks what 1.32 lacks (status fields among
 * them): a field absent from 1.32 was not in 1.31 either.
 */
const ALSO_ABSENT: Readonly<Record<string, string>> = { '1.31': '1.32' };

type WrittenDelta = SchemaDelta & { absentKinds: string[]; absentFields: Record<string, string[]> };
const computed = new Map<string, WrittenDelta>();

function computeDelta(version: string): WrittenDelta {
  const known = computed.get(version);
  if (known) return known;
  const set = SCHEMA_SETS.find((candidate) => candidate.version === version)!;
  const lender = SCHEMA_SETS.find((candidate) => candidate.version === set.borrowsFrom && candidate.borrowsFrom === undefined)!;
  const source = SOURCE_OF[set.version];
  const base = apiOf(source, lender.version);
  const target = apiOf(source, set.version);
  const writer = new SchemaWriter(target);
  const delta = {
    source: `${target.label} against ${base.label}`,
    absentKinds: [] as string[],
    absentFields: {} as Record<string, string[]>,
    extraFields: {} as Record<string, Record<string, SchemaObject>>,
    changedFields: {} as Record<string, Record<string, SchemaObject>>,
    addedKinds: {} as Record<string, SchemaObject>,
    definitions: writer.definitions,
  } satisfies WrittenDelta;
  const packaged = kindsOf(lender.packageName);
  for (const [apiVersion, kind] of packaged) {
    const key = `${apiVersion}/${kind}`;
    const baseModel = modelOfKind(base, apiVersion, kind);
    if (baseModel === undefined) continue;
    const targetModel = modelOfKind(target, apiVersion, kind);
    if (targetModel === undefined) {
      delta.absentKinds.push(key);
      continue;
    }
    const fields: KindDelta = { absent: [], extra: {}, changed: {} };
    compare(base, target, writer, baseModel, targetModel, [], new Set(), fields);
    if (fields.absent.length > 0) delta.absentFields[key] = fields.absent.sort();
    if (Object.keys(fields.extra).length > 0) delta.extraFields[key] = sortKeys(fields.extra);
    if (Object.keys(fields.changed).length > 0) delta.changedFields[key] = sortKeys(fields.changed);
  }
  // Kinds the release serves that 1.33 does not (those 1.33 serves without a model in the package stay without a schema).
  const packagedKeys = new Set(packaged.map(([apiVersion, kind]) => `${apiVersion}/${kind}`));
  for (const [key, model] of [...target.kinds].sort(([a], [b]) => a.localeCompare(b))) {
    if (base.kinds.has(key) || packagedKeys.has(key) || !target.typed) continue;
    delta.addedKinds[key] = writer.modelSchema(model);
  }
  const also = ALSO_ABSENT[version];
  if (also !== undefined) {
    const newer = computeDelta(also);
    delta.source += `, and what ${also} lacks (${newer.source})`;
    delta.absentKinds = [...new Set([...delta.absentKinds, ...newer.absentKinds])].sort();
    for (const [key, paths] of Object.entries(newer.absentFields)) {
      if (delta.absentKinds.includes(key)) continue;
      delta.absentFields[key] = [...new Set([...(delta.absentFields[key] ?? []), ...paths])].sort();
    }
    delta.absentFields = sortKeys(delta.absentFields);
  }
  computed.set(version, delta);
  return delta;
}

const outDir = join('lib', 'validate', 'schema-deltas');
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(outDir)) if (file.endsWith('.json')) execFileSync('rm', [join(outDir, file)]);
for (const set of SCHEMA_SETS.filter((candidate) => candidate.borrowsFrom !== undefined)) {
  const delta = computeDelta(set.version);
  writeFileSync(join(outDir, `${set.version}.json`), `${JSON.stringify({ ...delta, definitions: sortKeys(delta.definitions) }, null, 1)}\n`);
  const count = (record: Readonly<Record<string, object>>) => Object.values(record).reduce((sum, paths) => sum + Object.keys(paths).length, 0);
  process.stdout.write(
    `schema-deltas: ${set.version} (${delta.source}): ${delta.absentKinds.length} kinds and ${count(delta.absentFields)} field paths absent, ` +
      `${count(delta.extraFields)} extra, ${count(delta.changedFields)} changed, ${Object.keys(delta.addedKinds).length} kinds added\n`,
  );
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
