/**
 * The Rego of the Gatekeeper ConstraintTemplates, generated from the conftest policies of
 * `policies/`: each per-object policy module (package `main`) becomes a template library, and the
 * template's own `rego` is a thin generated wrapper that runs the module's rules on Gatekeeper's
 * input. One source, two wrappers: no rule logic is written twice.
 *
 * Gatekeeper's constraint framework accepts template Rego only if (regorewriter in
 * open-policy-agent/frameworks): libraries declare packages below `lib.`; imports name `data.lib…`
 * (or `future.…`), so `import rego.v1` is refused as a "bad import"; `data` is read only below
 * `data.lib` and `data.inventory`; and the entry point defines `violation`. Rego v1 syntax needs
 * `code: [{engine: Rego, source: {version: v1, …}}]` (Gatekeeper 3.19 and later).
 */

/** One Rego module as written in the repository. */
export interface RegoSourceFile {
  /** Path from the repository root, with `/` separators (`policies/images.rego`). */
  readonly path: string;
  readonly text: string;
}

/**
 * Where the wrapper puts the constraint's `parameters` for the libraries to read: conftest's
 * `data.environment` becomes `data.lib.parameters.environment`, which Gatekeeper allows (below
 * `data.lib`) and the wrapper sets with `with`.
 */
export const parametersDocument = 'data.lib.parameters';

/** The package below which the per-object policy modules are published as template libraries. */
const policyLibraryRoot = 'lib.policies';

const failureRulePattern = /^(deny|violation)(_[a-zA-Z0-9]+)*$/;
const warningRulePattern = /^warn(_[a-zA-Z0-9]+)*$/;

/** A per-object policy module (package `main`), ready to be wrapped in templates. */
export interface PolicyModule {
  readonly source: RegoSourceFile;
  /** Identifier from the file name (`pod_security`), unique among the modules. */
  readonly id: string;
  /** The package the module gets as a template library (`lib.policies.pod_security`). */
  readonly libraryPackage: string;
  /** conftest failure rules (`deny`, `violation` and their `_name` variants), sorted. */
  readonly failureRules: readonly string[];
  /** conftest warning rules (`warn`, `warn_name`), sorted. */
  readonly warningRules: readonly string[];
  /** Whether the module defines conftest's `exception` rule. */
  readonly hasExceptions: boolean;
  /** The library modules it needs, itself included last, as template `libs` texts. */
  readonly libs: readonly string[];
}

/**
 * Sorts the policy sources into per-object policy modules, each with the library modules it imports
 * (transitively). Modules of other packages (`combined`, test fixtures) are not admitted: they need
 * every object of an environment at once. Throws, naming file and line, for Rego that Gatekeeper
 * would refuse.
 */
export function policyModules(sources: readonly RegoSourceFile[]): readonly PolicyModule[] {
  // Every environment wraps the same sources: analyse them once.
  let modules = analysed.get(sources);
  if (modules === undefined) {
    modules = analyse(sources);
    analysed.set(sources, modules);
  }
  return modules;
}

const analysed = new WeakMap<readonly RegoSourceFile[], readonly PolicyModule[]>();

function analyse(sources: readonly RegoSourceFile[]): PolicyModule[] {
  // A package may span several files (lib.pod_security does): each is a library of its own.
  const libraries = new Map<string, RegoSourceFile[]>();
  const policies: RegoSourceFile[] = [];
  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const pkg = packageOf(source);
    if (pkg === 'main') policies.push(source);
    else if (pkg.startsWith('lib.')) libraries.set(pkg, [...(libraries.get(pkg) ?? []), source]);
  }
  const reserved = libraries.get(parametersDocument.slice('data.'.length))?.[0];
  if (reserved) throw new Error(`${reserved.path}: package lib.parameters is reserved for the Gatekeeper constraint parameters; rename the package`);
  const ids = new Map<string, string>();
  const libraryTexts = new Map<string, string[]>();
  const libraryTextsOf = (pkg: string): string[] => {
    let texts = libraryTexts.get(pkg);
    if (texts === undefined) libraryTexts.set(pkg, (texts = libraries.get(pkg)!.map((file) => templateLibrary(file, pkg))));
    return texts;
  };
  return policies.map((source) => {
    const id = moduleId(source.path);
    if (ids.has(id)) throw new Error(`${source.path}: its template name "${id}" is also ${ids.get(id)}'s; rename one of the files`);
    ids.set(id, source.path);
    const rules = ruleNames(source);
    const libraryPackage = `${policyLibraryRoot}.${id}`;
    const needed = importedLibraries(source, libraries);
    return {
      source,
      id,
      libraryPackage,
      failureRules: rules.filter((rule) => failureRulePattern.test(rule)),
      warningRules: rules.filter((rule) => warningRulePattern.test(rule)),
      hasExceptions: rules.includes('exception'),
      libs: [...needed.flatMap(libraryTextsOf), templateLibrary(source, libraryPackage)],
    };
  });
}

/**
 * The environment fields the admitted Rego reads (`environment.<field>`, through lib.kubernetes or
 * `data.environment`), sorted: what a constraint passes in `parameters.environment`.
 */
export function environmentFields(modules: readonly PolicyModule[]): string[] {
  const fields = new Set<string>();
  for (const text of new Set(modules.flatMap((module) => module.libs))) {
    for (const line of text.split('\n')) {
      for (const match of codeOf(line).matchAll(/\benvironment\.([A-Za-z_][A-Za-z0-9_]*)/g)) fields.add(match[1]);
    }
  }
  return [...fields].sort();
}

/** The template's entry point: runs the module's rules of one kind on `input.review.object`. */
export function templateRego(templateName: string, module: PolicyModule, rules: readonly string[]): string {
  const library = `data.${module.libraryPackage}`;
  const lines = [
    `package ${templateName}`,
    '',
    `# Generated from ${module.source.path} by lib/constructs/gatekeeper-rego.ts: the module's rules`,
    `# run unchanged as the template library ${module.libraryPackage}; this wrapper only feeds them the`,
    '# object under review, as conftest would, and turns their findings into violations.',
    '',
    '# A DELETE is never refused: Gatekeeper reviews the deleted object then, and a violating object',
    '# must stay deletable. Kubernetes\' own controllers act for objects reviewed already (a',
    '# Deployment\'s Pods, a CronJob\'s Jobs) or make their own (kube-root-ca.crt, the default',
    '# ServiceAccount): their requests are not reviewed either.',
    'review_object := input.review.object if {',
    '\tis_object(input.review.object)',
    '\tnot input.review.operation == "DELETE"',
    '\tnot by_kubernetes_controller',
    '}',
    '',
    'by_kubernetes_controller if input.review.userInfo.username == "system:kube-controller-manager"',
    '',
    'by_kubernetes_controller if startswith(input.review.userInfo.username, "system:serviceaccount:kube-system:")',
    '',
    '# The constraint parameters stand in for conftest data (data.environment).',
    'default parameters := {}',
    '',
    'parameters := input.parameters if is_object(input.parameters)',
    '',
    'violation contains {"msg": message(finding), "details": details(rule, finding)} if {',
    '\tsome [rule, finding] in findings',
    '}',
  ];
  for (const rule of rules) {
    lines.push(
      '',
      `findings contains ["${rule}", finding] if {`,
      `\tfound := ${library}.${rule} with input as review_object with ${parametersDocument} as parameters`,
      '\tsome finding in found',
      ...(module.hasExceptions ? [`\tnot exempted("${exceptionName(rule)}")`] : []),
      '}',
    );
  }
  if (module.hasExceptions) {
    lines.push(
      '',
      '# conftest exceptions: `exception contains ["<rule without deny_>"]` in the same module.',
      'exempted(name) if {',
      `\texceptions := ${library}.exception with input as review_object with ${parametersDocument} as parameters`,
      '\tsome names in exceptions',
      '\tname in names',
      '}',
    );
  }
  lines.push(
    '',
    'message(finding) := finding.msg if is_object(finding)',
    '',
    'message(finding) := finding if is_string(finding)',
    '',
    'details(rule, finding) := object.union(object.remove(finding, ["msg"]), {"policy": rule}) if is_object(finding)',
    '',
    'details(rule, finding) := {"policy": rule} if is_string(finding)',
    '',
  );
  return lines.join('\n');
}

/**
 * A module as a template library: the same text with its package line renamed, `import rego.v1`
 * removed (the source is declared v1; Gatekeeper refuses the import) and `data.environment` read
 * from the constraint parameters. Nothing else changes, comments and line breaks included.
 */
export function templateLibrary(source: RegoSourceFile, libraryPackage: string): string {
  checkSandbox(source);
  const out: string[] = [];
  let renamed = false;
  let removedImport = false;
  for (const line of source.text.split('\n')) {
    const code = codeOf(line);
    // The blank line that followed a removed import goes with it when one precedes it.
    const redundantBlank = removedImport && line.trim() === '' && out.length > 0 && out[out.length - 1].trim() === '';
    removedImport = false;
    if (redundantBlank) continue;
    if (!renamed && /^package\s/.test(code)) {
      out.push(`package ${libraryPackage}${line.slice(code.trimEnd().length)}`);
      renamed = true;
    } else if (/^import\s+rego\.v1\s*$/.test(code)) {
      removedImport = true;
    } else {
      out.push(code.replace(/\bdata\.environment\b/g, `${parametersDocument}.environment`) + line.slice(code.length));
    }
  }
  return out.join('\n');
}

/** conftest's name for a rule in exceptions: `deny_image_tag` → `image_tag`. */
function exceptionName(rule: string): string {
  return rule.replace(/^(deny|violation|warn)(_|$)/, '');
}

function packageOf(source: RegoSourceFile): string {
  for (const line of source.text.split('\n')) {
    const match = /^package\s+([A-Za-z_][\w.]*)\s*$/.exec(codeOf(line));
    if (match) return match[1];
  }
  throw new Error(`${source.path}: no package line; a Rego module starts with "package <name>"`);
}

/** Names of the module's rules: identifiers that start a line and are followed by a rule head. */
function ruleNames(source: RegoSourceFile): string[] {
  const names = new Set<string>();
  for (const line of source.text.split('\n')) {
    const match = /^(?:default\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:contains\b|if\b|:=|=|\[|\(|\{)/.exec(codeOf(line));
    if (match && !['package', 'import', 'else'].includes(match[1])) names.add(match[1]);
  }
  return [...names].sort();
}

/** The library packages a module reads, its dependencies' first, each once. */
function importedLibraries(source: RegoSourceFile, libraries: ReadonlyMap<string, readonly RegoSourceFile[]>, seen = new Set<string>()): string[] {
  const order: string[] = [];
  for (const [index, line] of source.text.split('\n').entries()) {
    for (const match of codeOf(line).matchAll(/\bdata\.(lib(?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
      const pkg = longestPackage(match[1], libraries);
      if (pkg === undefined) {
        throw new Error(`${source.path}:${index + 1}: data.${match[1]} is in no library module of policies/; add the module or fix the reference`);
      }
      if (seen.has(pkg)) continue;
      seen.add(pkg);
      for (const file of libraries.get(pkg)!) order.push(...importedLibraries(file, libraries, seen));
      order.push(pkg);
    }
  }
  return order;
}

function longestPackage(ref: string, libraries: ReadonlyMap<string, readonly RegoSourceFile[]>): string | undefined {
  const parts = ref.split('.');
  for (let length = parts.length; length >= 2; length--) {
    const candidate = parts.slice(0, length).join('.');
    if (libraries.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Gatekeeper lets templates import `data.lib…` and `future.…` only (`import rego.v1` is dropped
 * before), and read `data.lib` and `data.inventory` only (conftest's `data.environment` is rewritten).
 */
function checkSandbox(source: RegoSourceFile): void {
  for (const [index, line] of source.text.split('\n').entries()) {
    const imported = /^import\s+(\S+)/.exec(codeOf(line));
    if (imported && !/^(data\.lib\.|future\.|rego\.v1$)/.test(imported[1])) {
      throw new Error(`${source.path}:${index + 1}: import ${imported[1]} is refused by Gatekeeper, which allows imports of data.lib… only; refer to it without an import`);
    }
    for (const match of codeOf(line).matchAll(/\bdata\.([A-Za-z_][A-Za-z0-9_]*)|\bdata\s*\[/g)) {
      if (['lib', 'inventory', 'environment'].includes(match[1])) continue;
      throw new Error(
        `${source.path}:${index + 1}: ${match[0]} cannot be read by Gatekeeper, which gives templates only data.lib and data.inventory; ` +
          'read it from the input, or move the rule to package combined (CI only)',
      );
    }
  }
}

/** The code of a Rego line: everything before a `#` that is not inside a string. */
export function codeOf(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === '`') {
      quote = char;
    } else if (char === '#') {
      return line.slice(0, i);
    }
  }
  return line;
}

/** `policies/pod_security.rego` → `pod_security`; sub-folders join with `_`. */
function moduleId(path: string): string {
  return path
    .replace(/^policies\//, '')
    .replace(/\.rego$/, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}
