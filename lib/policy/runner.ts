/**
 * A policy run: inputs grouped into targets (one per environment), each checked per file against
 * the per-file namespaces and, as one combined input, against the combined namespaces.
 */
import * as path from 'node:path';
import { checkInput, mergeResults, type RuleEvaluator } from './evaluation';
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
  /**
   * Give each check `data.conftest.file` (`{name, dir}` of the file's absolute path), as conftest
   * does; the combined input is the file `Combined` in the working folder. Off for the project's
   * own run, whose data is bound once per environment.
   */
  readonly fileInfo?: boolean;
}

/**
 * Checks every target; results come target by target, then namespace by namespace (as conftest
 * orders them), files sorted by path.
 */
export function runChecks(policies: PolicySet, targets: readonly CheckTarget[], plan: CheckPlan): CheckResult[] {
  const results: CheckResult[] = [];
  for (const target of targets) {
    const shared = plan.fileInfo ? undefined : policies.evaluator(target.data);
    const evaluatorFor = (file: string): RuleEvaluator => shared ?? policies.evaluator(withFileInfo(target.data, file));
    const files = [...target.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const namespace of plan.perFile) {
      const rules = policies.rules(namespace);
      for (const file of files) {
        const evaluator = evaluatorFor(file.path);
        const perDocument = file.documents.map((document) => checkInput(evaluator, namespace, rules, document, file.path));
        let result = mergeResults(file.path, namespace, perDocument);
        if (plan.promql && namespace === 'main') result = withPromql(result, file.documents);
        results.push(result);
      }
    }
    if (plan.combined.length === 0) continue;
    const combined = combineInputs(files);
    const evaluator = evaluatorFor(target.label);
    for (const namespace of plan.combined) {
      results.push(checkInput(evaluator, namespace, policies.rules(namespace), combined, target.label));
    }
  }
  return results;
}

/** `data` plus conftest's `data.conftest.file` for a checked file. */
function withFileInfo(data: Record<string, unknown>, file: string): Record<string, unknown> {
  const absolute = path.resolve(file);
  const conftest = data.conftest !== null && typeof data.conftest === 'object' ? data.conftest : {};
  return { ...data, conftest: { ...conftest, file: { name: path.basename(absolute), dir: path.dirname(absolute) } } };
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

