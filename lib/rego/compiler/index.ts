/**
 * Compiler: parses modules, resolves names, checks safety, arity, unknown
 * functions and recursion, and builds the rule tree the interpreter runs.
 */
import { Body, Module, Rule, Term, groundPrefix, walkTerm } from '../ast';
import '../builtins';
import { BuiltinSpec, getBuiltin } from '../builtins/registry';
import { regoMetadataValue } from '../builtins/rego-metadata';
import { Location, RegoError, RegoErrorDetail } from '../errors';
import { parseModule, parseQuery } from '../parser';
import { Value } from '../value';
import { IRQuery, IRRule, IRTerm } from './ir';
import { inputIndependentNodes } from './dependencies';
import { checkRecursion } from './recursion';
import { bodyBinds, displayName, unboundIn } from './safety';
import { GlobalRef, Scope, TranslateEnv, Translator, refPath } from './translate';
import { RuleNode, buildTree, pathName } from './tree';
import { uniformBody, uniformRule } from './uniform';

/** A compiled set of modules. */
export interface Program {
  readonly modules: readonly Module[];
  readonly rules: readonly IRRule[];
  readonly tree: RuleNode;
  /** Documents and functions that read no `input` (their values can be shared by evaluations with the same data). */
  readonly inputIndependent: ReadonlySet<RuleNode>;
  /** Source texts for error rendering. */
  readonly sources: ReadonlyMap<string, string>;
  /** The builtins the program may call (queries against it resolve names the same way). */
  readonly builtin: (name: string) => BuiltinSpec | undefined;
}

/** Which builtins a program may call, beyond or instead of the registered ones. */
export interface BuiltinSelection {
  /** Builtins of this program only (e.g. a caller's `parse_config`); they may not shadow registered ones. */
  readonly extra?: readonly BuiltinSpec[];
  /** Only these names may be called (OPA's capabilities); default: all. */
  readonly allowed?: ReadonlySet<string>;
}

function builtinLookup(selection: BuiltinSelection): (name: string) => BuiltinSpec | undefined {
  const extra = new Map((selection.extra ?? []).map((spec) => [spec.name, spec]));
  for (const name of extra.keys()) if (getBuiltin(name)) throw new Error(`builtin ${name} is already defined by the engine`);
  const allowed = selection.allowed;
  return (name) => (allowed && !allowed.has(name) ? undefined : (getBuiltin(name) ?? extra.get(name)));
}

/** Module source as given to compile. */
export interface ModuleInput {
  readonly path: string;
  readonly text: string;
  readonly regoVersion: 'v0' | 'v1';
}

/** Compiles modules; throws RegoError listing every problem found. */
export function compileProgram(inputs: readonly ModuleInput[], builtins: BuiltinSelection = {}): Program {
  const builtin = builtinLookup(builtins);
  const sources = new Map(inputs.map((m) => [m.path, m.text]));
  const errors: RegoErrorDetail[] = [];
  const modules: Module[] = [];
  for (const m of inputs) {
    const r = parseModule(m.text, m.path, m.regoVersion);
    if (r.ok) modules.push(r.value);
    else errors.push(...r.errors);
  }
  if (errors.length > 0) throw new RegoError(errors, sources);

  for (const m of modules) if (m.regoVersion === 'v1') checkV1Module(m, errors);
  const rulesByPackage = new Map<string, Set<string>>();
  const arities = new Map<string, number>();
  for (const m of modules) {
    const key = m.packagePath.join('.');
    const names = rulesByPackage.get(key) ?? new Set<string>();
    rulesByPackage.set(key, names);
    for (const r of m.rules) {
      names.add(String((r.head.ref[0] as { value: string }).value));
      if (r.kind === 'function') {
        const path = [...m.packagePath, ...groundPrefix(r.head.ref)].join('\u0000');
        const prev = arities.get(path);
        const arity = r.head.args!.length;
        if (prev !== undefined && prev !== arity) errors.push({ code: 'rego_type_error', message: `function ${pathName(path.split('\u0000'))} has arity ${prev}, got argument count ${arity}`, location: r.loc });
        arities.set(path, arity);
      }
    }
  }

  const ruleCalls = callableRules(modules);
  const rules: IRRule[] = [];
  for (const m of modules) {
    let current: Rule | undefined;
    const env: TranslateEnv = {
      globals: moduleGlobals(m, rulesByPackage.get(m.packagePath.join('.'))!),
      functionArity: (path) => arities.get(path.join('\u0000')),
      ruleCall: (path) => ruleCalls.get(path.join('\u0000')),
      regoVersion: m.regoVersion,
      rewriteEquals: true,
      errors,
      builtin,
      constantCall: (name) => (current ? regoMetadataValue(name, current, modules) : undefined),
    };
    const translator = new Translator(env);
    for (const r of m.rules) {
      current = r;
      rules.push(uniformRule(compileRule(r, m, translator, errors)));
    }
  }
  const tree = buildTree(rules, modules.map((m) => m.packagePath));
  checkConflicts(tree, errors);
  checkRecursion(tree, errors);
  if (errors.length > 0) throw new RegoError(errors, sources);
  return { modules, rules, tree, inputIndependent: inputIndependentNodes(tree), sources, builtin };
}

/** A top-level query expression whose value `opa eval` reports. */
export interface QueryExpression {
  readonly text: string;
  readonly loc: Location;
  /** Slot holding the value; none means the value is `true`. */
  readonly slot?: number;
}

/** Compiles a query against a program; with `capture`, also where each expression's value ends up. */
export function compileQuery(text: string, program: Program, capture = false): IRQuery & { expressions: QueryExpression[] } {
  const parsed = parseQuery(text);
  const sources = new Map([...program.sources, ['query', text]]);
  if (!parsed.ok) throw new RegoError(parsed.errors, sources);
  const captured: Array<{ text: string; loc: Location; name?: string }> = [];
  if (capture) parsed.value = captureExpressions(parsed.value, text, captured);
  const errors: RegoErrorDetail[] = [];
  const env: TranslateEnv = {
    globals: new Map(),
    functionArity: (path) => {
      const n = program.tree.find(path);
      return n && n.functions.length > 0 ? n.functions[0].args!.length : undefined;
    },
    ruleCall: (path) => {
      const rules = program.tree.find(path)?.rules.filter((r) => r.kind === 'single' && r.suffix.length === 0) ?? [];
      if (rules.length === 0) return undefined;
      const chains = rules.flatMap((r) => elseChain(r));
      return chains.some((r) => r.value !== undefined && r.value.t !== 'const') ? 'callable' : 'typed';
    },
    regoVersion: 'v1',
    rewriteEquals: false,
    errors,
    builtin: program.builtin,
  };
  const frame = { size: 0 };
  const scope = new Scope(frame);
  const translator = new Translator(env);
  translator.declareBodyNames(scope, parsed.value);
  const body = translator.body(scope, parsed.value, new Set());
  if (errors.length > 0) throw new RegoError(errors, sources);
  const bindings = [...scope.names].filter(([name]) => !name.startsWith('$')).map(([name, slot]) => ({ name, slot })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const expressions = captured.map((c) => ({ text: c.text, loc: c.loc, slot: c.name === undefined ? undefined : scope.names.get(c.name) }));
  return { body: uniformBody(body), frameSize: frame.size, bindings, expressions };
}

/** Rewrites top-level term literals `t` to `$qN = t` (plus a truth test for calls) so their values can be reported. */
function captureExpressions(body: Body, text: string, out: Array<{ text: string; loc: Location; name?: string }>): Body {
  const lines = text.split('\n');
  const offset = (loc: Location): number => lines.slice(0, loc.line - 1).reduce((n, l) => n + l.length + 1, 0) + loc.col - 1;
  const result: Body = [];
  body.forEach((e, i) => {
    const end = i + 1 < body.length ? offset(body[i + 1].loc) : text.length;
    const exprText = text.slice(offset(e.loc), end).trim().replace(/;$/, '').trim();
    if (e.kind !== 'term' || e.negated || (e.term.type === 'call' && e.term.fn.type === 'var' && e.term.fn.name === 'print')) {
      out.push({ text: exprText, loc: e.loc });
      result.push(e);
      return;
    }
    const name = `$q${i}`;
    const v: Term = { type: 'var', name, loc: e.loc };
    out.push({ text: exprText, loc: e.loc, name });
    result.push({ kind: 'unify', left: v, right: e.term, negated: false, with: e.with, loc: e.loc });
    if (e.term.type === 'call') result.push({ kind: 'term', term: v, negated: false, with: [], loc: e.loc });
  });
  return result;
}

/**
 * Checks OPA makes of v1 modules (and of v0 modules that import rego.v1): no import shadows an
 * earlier one, and no rule is named input or data.
 */
function checkV1Module(m: Module, errors: RegoErrorDetail[]): void {
  const imported = new Map<string, string>();
  for (const imp of m.imports) {
    const path = refPath(imp.path)!;
    if (path[0] === 'rego' || path[0] === 'future') continue;
    const name = imp.alias ?? path[path.length - 1];
    const earlier = imported.get(name);
    if (earlier !== undefined) errors.push({ code: 'rego_compile_error', message: `import must not shadow import ${earlier}`, location: imp.loc });
    else imported.set(name, path.join('.'));
  }
  for (const r of m.rules) {
    const name = r.head.ref[0];
    if (name.type === 'scalar' && (name.value === 'input' || name.value === 'data')) {
      errors.push({ code: 'rego_compile_error', message: `rules must not shadow ${name.value} (use a different rule name)`, location: r.loc });
    }
  }
}

/**
 * Single-value rules by data path, and whether `f()` may call them. OPA types the value of each
 * definition; a call passes its checker only when the union is `any`. Approximation: a definition
 * whose value is a literal is typed, any other value (a variable, reference or call) may be `any`.
 */
function callableRules(modules: readonly Module[]): Map<string, 'callable' | 'typed'> {
  const out = new Map<string, 'callable' | 'typed'>();
  for (const m of modules) {
    for (const r of m.rules) {
      if (r.kind !== 'single' || groundPrefix(r.head.ref).length !== r.head.ref.length) continue;
      const key = [...m.packagePath, ...groundPrefix(r.head.ref)].join('\u0000');
      const dynamic = elseChain(r).some((x) => x.head.value !== undefined && !isLiteral(x.head.value));
      if (dynamic) out.set(key, 'callable');
      else if (!out.has(key)) out.set(key, 'typed');
    }
  }
  return out;
}

/** A rule and its `else` branches. */
function elseChain<T extends { readonly else?: T }>(r: T): T[] {
  const out: T[] = [];
  for (let x: T | undefined = r; x; x = x.else) out.push(x);
  return out;
}

function isLiteral(t: Term): boolean {
  switch (t.type) {
    case 'scalar': return true;
    case 'array': case 'set': return t.items.every(isLiteral);
    case 'object': return t.entries.every(([k, v]) => isLiteral(k) && isLiteral(v));
    default: return false;
  }
}

function moduleGlobals(m: Module, ruleNames: ReadonlySet<string>): Map<string, GlobalRef> {
  const globals = new Map<string, GlobalRef>();
  for (const name of ruleNames) globals.set(name, { root: 'data', path: [...m.packagePath, name] });
  for (const imp of m.imports) {
    const path = refPath(imp.path)!;
    if (path[0] !== 'data' && path[0] !== 'input') continue;
    const alias = imp.alias ?? path[path.length - 1];
    globals.set(alias, { root: path[0], path: path.slice(1) });
  }
  return globals;
}

function compileRule(rule: Rule, m: Module, translator: Translator, errors: RegoErrorDetail[]): IRRule {
  const frame = { size: 0 };
  const scope = new Scope(frame);
  const ground = groundPrefix(rule.head.ref);
  const suffixAst = rule.head.ref.slice(ground.length);
  const args = rule.head.args ?? [];
  const heads: Term[] = [...args, ...suffixAst, ...(rule.head.key ? [rule.head.key] : []), ...(rule.head.value ? [rule.head.value] : [])];
  // Parameters are always locals, even when a rule of the package has the same name.
  for (const a of args) walkTerm(a, (t) => t.type === 'var' && !scope.names.has(t.name) && scope.declare(t.name), false);
  translator.declareBodyNames(scope, rule.body, heads);
  const argsIR = args.map((a) => translator.term(scope, a));
  const bound = new Set<number>();
  for (const a of argsIR) collectSlots(a, bound);
  const body = translator.body(scope, rule.body, bound);
  const key = rule.head.key && translator.term(scope, rule.head.key);
  const value = rule.head.value && translator.term(scope, rule.head.value);
  const suffix = suffixAst.map((t) => translator.term(scope, t));
  const path = [...m.packagePath, ...ground];
  const name = pathName(path);
  const after = bodyBinds(body, bound);
  for (const slot of unboundIn([key, value, ...suffix], after)) {
    errors.push({ code: 'rego_unsafe_var_error', message: `var ${displayName(scope, slot)} is unsafe`, location: rule.head.loc });
  }
  return {
    kind: rule.kind,
    isDefault: rule.isDefault,
    path,
    suffix,
    key,
    value,
    args: rule.head.args ? argsIR : undefined,
    body,
    else: rule.else && compileRule(rule.else, m, translator, errors),
    frameSize: frame.size,
    guards: rule.kind === 'function' ? [] : inputGuards(body),
    loc: rule.loc,
    name,
  };
}

function collectSlots(t: IRTerm, out: Set<number>): void {
  if (t.t === 'var') out.add(t.slot);
  else if (t.t === 'array' || t.t === 'set') t.items.forEach((x) => collectSlots(x, out));
  else if (t.t === 'object') t.entries.forEach(([k, v]) => { collectSlots(k, out); collectSlots(v, out); });
}

/** `input.a.b == "X"` literals at the top of a body: cheap checks that let the interpreter skip the rule. */
function inputGuards(body: IRRule['body']): Array<{ path: string[]; value: Value }> {
  const out: Array<{ path: string[]; value: Value }> = [];
  for (const e of body) {
    if (e.negated || e.with.length > 0) continue;
    let pair: [IRTerm, IRTerm] | undefined;
    if (e.kind === 'unify') pair = [e.left, e.right];
    else if (e.kind === 'term' && e.term.t === 'call' && e.term.name === 'equal' && !e.term.output) pair = [e.term.args[0], e.term.args[1]];
    if (!pair) continue;
    for (const [a, b] of [pair, [pair[1], pair[0]]]) {
      if (b.t !== 'const' || a.t !== 'ref' || a.head.t !== 'input') continue;
      if (!a.path.every((p) => p.t === 'const' && typeof p.v === 'string')) continue;
      out.push({ path: a.path.map((p) => (p as { v: string }).v), value: b.v });
      break;
    }
  }
  return out;
}

/** Rules of different kinds at one path cannot be merged. */
function checkConflicts(root: RuleNode, errors: RegoErrorDetail[]): void {
  for (const n of root.descendants()) {
    if (n.functions.length > 0 && n.rules.length > 0) {
      errors.push({ code: 'rego_type_error', message: `conflicting rules ${pathName(n.path)} found`, location: n.functions[0].loc });
    }
    const defaults = n.rules.filter((r) => r.isDefault);
    if (defaults.length > 1) errors.push({ code: 'rego_type_error', message: `multiple default rules ${pathName(n.path)} found`, location: defaults[1].loc });
    const plain = n.rules.filter((r) => r.suffix.length === 0);
    if (plain.some((r) => r.kind === 'multi') && plain.some((r) => r.kind === 'single' && !r.isDefault)) {
      errors.push({ code: 'rego_type_error', message: `conflicting rules ${pathName(n.path)} found`, location: plain[0].loc });
    }
  }
}
