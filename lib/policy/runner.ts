/**
 * A policy run: inputs grouped into targets (one per environment), each checked per file against
 * the per-file namespaces and, as one combined input, against the combined namespaces.
 */
import { checkInput, mergeResults } from './evaluation';
import { combineInputs, type InputFile } from './inputs';
import type { PolicySet } from './policy-set';
import { checkPromql } from './promql';
import type { CheckResult } from './result';

/** Inputs checked with one `data` document (one environment's files). */
export interface CheckTarget {
  /** Name of the target's combined result: conftest's `Combined`, or the environment's folder. */
  readonly label: string;
  readonly files: readonly InputFile[];
  readonly data: Record<string, unknown>;
}

/** What to check. */
export interface CheckPlan {
  /** Namespaces every file is checked against (one result per file and namespace). */
  readonly perFile: readonly string[];
  /** Namespaces each target's combined input is checked against (one result per target and namespace). */
  readonly combined: readonly string[];
  /** Run the PromQL check (K8S-MON-001) with the `main` namespace of each file. */
  readonly promql: boolean;
}

/**
 * Checks every target; results come target by target, then namespace by namespace (as conftest
 * orders them), files sorted by path.
 */
export function runChecks(policies: PolicySet, targets: readonly CheckTarget[], plan: CheckPlan): CheckResult[] {
  const results: CheckResult[] = [];
  for (const target of targets) {
    const evaluator = policies.evaluator(target.data);
    const files = [...target.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const namespace of plan.perFile) {
      const rules = policies.rules(namespace);
      for (const file of files) {
        const perDocument = file.documents.map((document) => checkInput(evaluator, namespace, rules, document, file.path));
        let result = mergeResults(file.path, namespace, perDocument);
        if (plan.promql && namespace === 'main') result = withPromql(result, file.documents);
        results.push(result);
      }
    }
    if (plan.combined.length === 0) continue;
    const combined = combineInputs(files);
    for (const namespace of plan.combined) {
      results.push(checkInput(evaluator, namespace, policies.rules(namespace), combined, target.label));
    }
  }
  return results;
}

/** Adds the PromQL check of each PrometheusRule document: a success, or its failures. */
function withPromql(result: CheckResult, documents: readonly unknown[]): CheckResult {
  let successes = result.successes;
  const failures = [...result.failures];
  for (const document of documents) {
    const found = checkPromql(document);
    if (found === undefined) continue;
    if (found.length === 0) successes++;
    failures.push(...found);
  }
  return { ...result, successes, failures };
}

