/**
 * K8S-MON-001: every PrometheusRule expression parses as PromQL. Rego has no PromQL parser, so this
 * rule runs in TypeScript (with Prometheus' own lezer grammar, the one its web UI uses) as a
 * "builtin" check beside the Rego rules, and reports in the same shape as they do.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { PolicyResult } from './result';

/** The rule id of this check. */
export const PROMQL_RULE = 'K8S-MON-001';

/** The query name reported in results' metadata, in place of a Rego rule's `data.<ns>.<rule>`. */
export const PROMQL_QUERY = 'builtin.promql_parses';

/** The column (1-based) of the first syntax error of a PromQL expression; undefined when it parses. */
export function promqlErrorColumn(expression: string): number | undefined {
  let column: number | undefined;
  parser.parse(expression).iterate({
    enter: (node) => {
      if (column === undefined && node.type.isError) column = node.from + 1;
      return column === undefined;
    },
  });
  return column;
}

/**
 * The check of one document: `undefined` for anything but a PrometheusRule (nothing was tested),
 * otherwise one failure per expression that does not parse (none: the document passed).
 */
export function checkPromql(document: unknown): PolicyResult[] | undefined {
  if (!isRecord(document) || document.kind !== 'PrometheusRule') return undefined;
  const metadata = isRecord(document.metadata) ? document.metadata : {};
  const object = ['PrometheusRule', metadata.namespace, metadata.name].filter((part) => typeof part === 'string' && part !== '').join('/');
  const failures: PolicyResult[] = [];
  const groups = isRecord(document.spec) && Array.isArray(document.spec.groups) ? document.spec.groups : [];
  groups.forEach((group: unknown, g: number) => {
    const rules = isRecord(group) && Array.isArray(group.rules) ? group.rules : [];
    rules.forEach((rule: unknown, r: number) => {
      if (!isRecord(rule)) return;
      const field = `spec.groups[${g}].rules[${r}].expr`;
      const expression = typeof rule.expr === 'number' ? String(rule.expr) : rule.expr;
      const detail =
        typeof expression !== 'string' || expression.trim() === ''
          ? 'has no expression; write the PromQL the rule evaluates'
          : parseProblem(expression);
      if (detail === undefined) return;
      failures.push({
        msg: `${PROMQL_RULE}: ${object}: ${field}: ${detail}`,
        metadata: { field, object, query: PROMQL_QUERY, rule: PROMQL_RULE },
      });
    });
  });
  return failures;
}

function parseProblem(expression: string): string | undefined {
  const column = promqlErrorColumn(expression);
  if (column === undefined) return undefined;
  const near = expression.slice(column - 1, column + 19);
  return `does not parse as PromQL (column ${column}${near ? `, near ${JSON.stringify(near)}` : ', at the end'}); fix the expression`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
