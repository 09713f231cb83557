/**
 * rego.metadata.rule and rego.metadata.chain (OPA ast/compile.go
 * rewriteRegoMetadataCalls): like OPA, the compiler replaces each call in a
 * rule with its value, computed here from the METADATA annotations of the
 * modules. Called anywhere else (a query), they raise an error.
 */
import { Module, Rule, groundPrefix } from '../ast';
import { Value, fromJSON } from '../value';
import { Annotation, annotationsOf } from '../parser/annotations';
import { BuiltinError, defineBuiltin } from './registry';

for (const name of ['rego.metadata.chain', 'rego.metadata.rule']) {
  defineBuiltin({
    name,
    args: [],
    // The compiler replaces the calls in rules; only a query gets here.
    fn: () => {
      throw new BuiltinError(`the ${name} function must only be called within the scope of a rule`);
    },
  });
}

/** True when `prefix` is a prefix of `path`. */
function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && startsWith(a, b);
}

/** OPA's AnnotationSet.Chain: the rule's own annotations, its document's, its package's, then subpackages scopes outward. */
function chain(rule: Rule, modules: readonly Module[]): Value {
  const module = rule.module!;
  const pkg = module.packagePath;
  const rulePath = [...pkg, ...groundPrefix(rule.head.ref)];
  const entry = (path: readonly string[], a?: Annotation) => (a ? { path, annotations: a.value } : { path });
  const own = annotationsOf(module)
    .filter((a) => a.scope === 'rule' && a.rule === rule)
    .sort((x, y) => y.line - x.line);
  const links: unknown[] = own.length > 0 ? own.map((a) => entry(rulePath, a)) : [entry(rulePath)];
  const all = modules.flatMap((m) => annotationsOf(m).map((a) => ({ a, m })));
  const doc = all.find(({ a }) => a.scope === 'document' && same([...a.rule!.module!.packagePath, ...groundPrefix(a.rule!.head.ref)], rulePath));
  if (doc) links.push(entry(rulePath, doc.a));
  const pkgAnnotation = all.find(({ a, m }) => a.scope === 'package' && same(m.packagePath, pkg));
  if (pkgAnnotation) links.push(entry(pkg, pkgAnnotation.a));
  const subpackages = all.filter(({ a, m }) => a.scope === 'subpackages' && startsWith(pkg, m.packagePath)).sort((x, y) => y.m.packagePath.length - x.m.packagePath.length);
  for (const { a, m } of subpackages) links.push(entry(m.packagePath, a));
  return fromJSON(links);
}

/** The value of a metadata call made in `rule`, or undefined for any other function. */
export function regoMetadataValue(name: string, rule: Rule, modules: readonly Module[]): Value | undefined {
  if (name === 'rego.metadata.chain') return chain(rule, modules);
  if (name !== 'rego.metadata.rule') return undefined;
  const own = annotationsOf(rule.module!).find((a) => a.scope === 'rule' && a.rule === rule);
  return fromJSON(own ? own.value : {});
}
