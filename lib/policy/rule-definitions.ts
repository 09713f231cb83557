/**
 * Where conftest's rules are defined, read from the policy sources: the failure and warning rules
 * of each package in source order, one entry per definition. conftest counts definitions (a `deny`
 * written twice is two tests) and evaluates rules in source order, but the engine's `rules()` lists
 * distinct names only; this scan of rule heads at the start of a line fills the gap.
 */
import { isFailureRule, isWarningRule } from './rule-names';

const packageLine = /^package\s+([A-Za-z_][\w.]*)/;
const ruleHead = /^((?:deny|violation|warn)(?:_[A-Za-z0-9]+)*)\s*(?:contains\b|if\b|\[|\{|:=|=)/;

/** Package → one rule name per definition of a failure or warning rule, in source order. */
export function ruleDefinitions(modules: readonly { text: string }[]): Map<string, string[]> {
  const definitions = new Map<string, string[]>();
  for (const module of modules) {
    let names: string[] | undefined;
    for (const line of module.text.split('\n')) {
      const declared = packageLine.exec(line);
      if (declared) {
        names = definitions.get(declared[1]) ?? [];
        definitions.set(declared[1], names);
        continue;
      }
      const head = ruleHead.exec(line);
      if (head && names && (isFailureRule(head[1]) || isWarningRule(head[1]))) names.push(head[1]);
    }
  }
  return definitions;
}
