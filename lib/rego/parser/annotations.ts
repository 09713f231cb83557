/**
 * METADATA annotations: YAML in a comment block that starts with `# METADATA`,
 * applying to the package or rule that follows it (OPA's ast/annotations.go).
 * The default scope is `package` before the package and `rule` before a rule;
 * `document` applies to every rule of that name, `subpackages` to the package
 * and all below it. Each annotation is kept as the object OPA's
 * rego.metadata builtins return (scope, title, description, authors, …).
 */
import type * as Yaml from 'yaml';
import { Module, Rule } from '../ast';
import { RegoErrorDetail } from '../errors';

/** The scopes OPA accepts. */
export type AnnotationScope = 'rule' | 'document' | 'package' | 'subpackages';

/** One METADATA block and what it applies to. */
export interface Annotation {
  readonly scope: AnnotationScope;
  /** The rule it precedes (rule and document scopes). */
  readonly rule?: Rule;
  /** Line of the `# METADATA` comment (chains list closer annotations first). */
  readonly line: number;
  /** The annotation as rego.metadata.* return it (plain JSON). */
  readonly value: Record<string, unknown>;
}

const SCOPES = new Set(['rule', 'document', 'package', 'subpackages']);

let yamlModule: typeof Yaml | undefined;

/** `yaml` takes long to load and most modules have no METADATA, so it is loaded on first use. */
function parseYAML(text: string): unknown {
  yamlModule ??= require('yaml') as typeof Yaml;
  return yamlModule.parse(text);
}

/** An `Name <email>` author line as OPA splits it. */
function author(a: unknown): Record<string, unknown> {
  if (a !== null && typeof a === 'object') return a as Record<string, unknown>;
  const text = String(a).trim();
  const m = /^(.*?)\s*<([^>]*)>$/.exec(text);
  if (!m) return { name: text };
  return m[1] ? { name: m[1], email: m[2] } : { email: m[2] };
}

/** A schema entry: `input.x: schema.y` or `input.x: {definition}`, paths as arrays of names. */
function schema(s: unknown): Record<string, unknown> {
  const [[path, target]] = Object.entries(s as Record<string, unknown>);
  const out: Record<string, unknown> = { path: path.split('.') };
  if (typeof target === 'string') out.schema = target.split('.');
  else out.definition = target;
  return out;
}

/** The object OPA builds from the YAML (only keys with a value). */
function annotationValue(raw: Record<string, unknown>, scope: AnnotationScope): Record<string, unknown> {
  const out: Record<string, unknown> = { scope };
  if (raw.title !== undefined) out.title = String(raw.title);
  if (raw.description !== undefined) out.description = String(raw.description);
  if (raw.entrypoint === true) out.entrypoint = true;
  if (Array.isArray(raw.organizations) && raw.organizations.length > 0) out.organizations = raw.organizations.map(String);
  if (Array.isArray(raw.related_resources) && raw.related_resources.length > 0) {
    out.related_resources = raw.related_resources.map((r) => (r !== null && typeof r === 'object' ? r : { ref: String(r) }));
  }
  if (Array.isArray(raw.authors) && raw.authors.length > 0) out.authors = raw.authors.map(author);
  if (Array.isArray(raw.schemas) && raw.schemas.length > 0) out.schemas = raw.schemas.map(schema);
  if (raw.custom !== undefined && raw.custom !== null) out.custom = raw.custom;
  return out;
}

/**
 * The annotations of a parsed module, from its source text. Errors (bad YAML,
 * a scope that does not fit what follows) are returned as parse errors.
 */
export function parseAnnotations(text: string, module: Module): { annotations: Annotation[]; errors: RegoErrorDetail[] } {
  const lines = text.split('\n');
  const annotations: Annotation[] = [];
  const errors: RegoErrorDetail[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*#\s*METADATA\s*$/.test(lines[i])) continue;
    const start = i + 1;
    const yaml: string[] = [];
    while (i + 1 < lines.length && /^\s*#/.test(lines[i + 1])) yaml.push(lines[++i].replace(/^\s*#/, ''));
    const location = { file: module.file, line: start, col: 1 };
    let raw: unknown;
    try {
      raw = parseYAML(yaml.join('\n')) ?? {};
    } catch (e) {
      errors.push({ code: 'rego_parse_error', message: `yaml: ${(e as Error).message.split('\n')[0]}`, location });
      continue;
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      errors.push({ code: 'rego_parse_error', message: 'yaml: METADATA must be a mapping', location });
      continue;
    }
    // The statement the block precedes: the package or the first rule after it.
    const endLine = i + 1;
    const rule = module.rules.find((r) => r.loc.line > endLine);
    const beforePackage = module.packageLoc.line > endLine;
    const given = (raw as Record<string, unknown>).scope;
    if (given !== undefined && !SCOPES.has(String(given))) {
      errors.push({ code: 'rego_parse_error', message: `invalid annotation scope '${String(given)}'`, location });
      continue;
    }
    const scope = (given ?? (beforePackage ? 'package' : 'rule')) as AnnotationScope;
    const forPackage = scope === 'package' || scope === 'subpackages';
    if (forPackage !== beforePackage || (!forPackage && !rule)) {
      errors.push({ code: 'rego_parse_error', message: `annotation scope '${scope}' must be applied to ${forPackage ? 'package' : 'rule'}`, location });
      continue;
    }
    annotations.push({ scope, rule: forPackage ? undefined : rule, line: start, value: annotationValue(raw as Record<string, unknown>, scope) });
  }
  return { annotations, errors };
}

/** Annotations of each parsed module (kept beside the AST, which the parser shares with the compiler). */
const byModule = new WeakMap<Module, Annotation[]>();

/** Records a module's annotations (called by the parser). */
export function recordAnnotations(module: Module, annotations: Annotation[]): void {
  byModule.set(module, annotations);
}

/** The annotations parsed with a module; none for modules built otherwise. */
export function annotationsOf(module: Module): readonly Annotation[] {
  return byModule.get(module) ?? [];
}
