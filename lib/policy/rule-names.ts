/**
 * conftest's rule conventions: which rules count as failures or warnings, and how exceptions name
 * the rules they exempt.
 */

const failurePattern = /^(deny|violation)(_[a-zA-Z0-9]+)*$/;
const warningPattern = /^warn(_[a-zA-Z0-9]+)*$/;

/** `deny`, `violation` and their `_<name>` variants. */
export function isFailureRule(name: string): boolean {
  return failurePattern.test(name);
}

/** `warn` and its `_<name>` variants. */
export function isWarningRule(name: string): boolean {
  return warningPattern.test(name);
}

/**
 * The name an exception uses for a rule: `deny_image_tag` → `image_tag`; the bare `deny`,
 * `violation` and `warn` → `""` (as conftest does).
 */
export function exceptionName(rule: string): string {
  if (rule === 'deny' || rule === 'violation' || rule === 'warn') return '';
  for (const prefix of ['violation_', 'deny_', 'warn_']) {
    if (rule.startsWith(prefix)) rule = rule.slice(prefix.length);
  }
  return rule;
}

/** The query conftest reports as the message of an exception (Go's `%q` of the name). */
export function exceptionQuery(namespace: string, rule: string): string {
  return `data.${namespace}.exception[_][_] == ${JSON.stringify(exceptionName(rule))}`;
}

/**
 * How many solutions `data.<ns>.exception[_][_] == name` has for a value of `exception`: each
 * collection in it (array, set or object) counts once per element equal to the name.
 */
export function countExceptions(exception: unknown, name: string): number {
  let count = 0;
  for (const collection of elements(exception)) {
    for (const element of elements(collection)) if (element === name) count++;
  }
  return count;
}

function elements(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [];
}

/** The rules of a namespace conftest evaluates: distinct names in first-seen order, and the count of definitions. */
export interface NamespaceRules {
  readonly names: readonly string[];
  readonly definitions: number;
}

/** Picks the failure and warning rules out of a package's rule list (one entry per definition). */
export function checkedRules(ruleList: readonly string[]): NamespaceRules {
  const names: string[] = [];
  let definitions = 0;
  for (const name of ruleList) {
    if (!isFailureRule(name) && !isWarningRule(name)) continue;
    definitions++;
    if (!names.includes(name)) names.push(name);
  }
  return { names, definitions };
}
