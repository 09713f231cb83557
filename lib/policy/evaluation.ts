/**
 * conftest's check of one input against one namespace (`policy/engine.go`): each failure and warning
 * rule is queried, exceptions exempt a rule by name, and the success count makes up the difference
 * to the number of rule definitions.
 */
import { emptyCheckResult, type CheckResult, type PolicyResult, type ResultLocation } from './result';
import { countExceptions, exceptionName, exceptionQuery, isFailureRule, type NamespaceRules } from './rule-names';

/**
 * Evaluates references such as `data.main.deny` for an input, all in one evaluation; each value is
 * `undefined` when its reference is undefined. `printed` gives what `print` wrote meanwhile.
 */
export interface RuleEvaluator {
  values(refs: readonly string[], input: unknown): { values: unknown[]; printed: string[] };
}

/** A policy message that conftest cannot read (a structured message without a string `msg`). */
export class PolicyResultError extends Error {
  constructor(query: string, reason: string) {
    super(`${query}: ${reason}`);
    this.name = 'PolicyResultError';
  }
}

/** The results of one input (one document) against the rules of one namespace. */
export function checkInput(
  evaluator: RuleEvaluator,
  namespace: string,
  rules: NamespaceRules,
  input: unknown,
  filename: string,
): CheckResult {
  const failures: PolicyResult[] = [];
  const warnings: PolicyResult[] = [];
  const exceptions: PolicyResult[] = [];
  let successes = 0;
  if (rules.names.length === 0) return { ...emptyCheckResult(filename, namespace) };
  const refs = ruleRefs(namespace, rules);
  const queries = refs.slice(1);
  const evaluated = evaluator.values(refs, input);
  const [exception, ...values] = evaluated.values;

  rules.names.forEach((rule, index) => {
    const exempted = countExceptions(exception, exceptionName(rule));
    for (let i = 0; i < exempted; i++) exceptions.push({ msg: exceptionQuery(namespace, rule) });

    const query = queries[index];
    for (const result of ruleResults(values[index], query)) {
      // An exempted rule reports its exceptions only, not its results.
      if (exempted > 0) continue;
      if (result.msg === '') successes++;
      else if (isFailureRule(rule)) failures.push(result);
      else warnings.push(result);
    }
  });

  // conftest reports one success per passing rule name; rules defined several times make up the rest.
  const counted = failures.length + warnings.length + exceptions.length + successes;
  if (counted < rules.definitions) successes += rules.definitions - counted;
  return { ...emptyCheckResult(filename, namespace), successes, failures, warnings, exceptions, printed: evaluated.printed };
}

const refsByRules = new WeakMap<NamespaceRules, Map<string, readonly string[]>>();

/**
 * `data.<ns>.exception` and `data.<ns>.<rule>` for each rule, built once per namespace: the engine
 * finds compiled queries by their text, and a string built per input is hashed anew every time.
 */
function ruleRefs(namespace: string, rules: NamespaceRules): readonly string[] {
  let byNamespace = refsByRules.get(rules);
  if (!byNamespace) refsByRules.set(rules, (byNamespace = new Map()));
  let refs = byNamespace.get(namespace);
  if (!refs) byNamespace.set(namespace, (refs = [`data.${namespace}.exception`, ...rules.names.map((rule) => `data.${namespace}.${rule}`)]));
  return refs;
}

/** Adds up the results of several documents of one file, as conftest does for multi-document YAML. */
export function mergeResults(filename: string, namespace: string, results: readonly CheckResult[]): CheckResult {
  const merged = emptyCheckResult(filename, namespace);
  return {
    ...merged,
    successes: results.reduce((sum, result) => sum + result.successes, 0),
    skipped: results.flatMap((result) => result.skipped),
    warnings: results.flatMap((result) => result.warnings),
    failures: results.flatMap((result) => result.failures),
    exceptions: results.flatMap((result) => result.exceptions),
    printed: results.flatMap((result) => result.printed),
  };
}

/**
 * A rule's value as results: a set (array) of strings or `{msg, _loc?, ...}` objects; anything
 * empty or not a collection is one passing result.
 */
export function ruleResults(value: unknown, query: string): PolicyResult[] {
  if (!Array.isArray(value) || value.length === 0) return [{ msg: '' }];
  const results: PolicyResult[] = [];
  for (const element of value) {
    if (typeof element === 'string') {
      results.push({ msg: element, metadata: { query } });
    } else if (element !== null && typeof element === 'object' && !Array.isArray(element)) {
      results.push(structuredResult(element as Record<string, unknown>, query));
    }
  }
  return results;
}

function structuredResult(fields: Record<string, unknown>, query: string): PolicyResult {
  const msg = fields.msg;
  if (typeof msg !== 'string') throw new PolicyResultError(query, 'new result: "msg" field must be present and a string');
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'msg' && key !== '_loc') metadata[key] = value;
  }
  metadata.query = query;
  const loc = location(fields._loc);
  return loc ? { msg, loc, metadata } : { msg, metadata };
}

function location(value: unknown): ResultLocation | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { file, line } = value as Record<string, unknown>;
  const loc: { file?: string; line?: number } = {};
  if (typeof file === 'string' && file !== '') loc.file = file;
  if (typeof line === 'number') loc.line = line;
  return loc.file === undefined && loc.line === undefined ? undefined : loc;
}
