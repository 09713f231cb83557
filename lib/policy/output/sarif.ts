/**
 * conftest's `sarif` output (`output/sarif.go`): SARIF 2.1.0 for GitHub code scanning, one rule per
 * namespace and result type (`main/deny`, `main/warn`, `main/allow`, `main/success`, `main/skip`).
 */
import { totals, type CheckResult, type PolicyResult } from '../result';

const descriptions = {
  deny: 'Policy violation',
  warn: 'Policy warning',
  allow: 'Policy exception',
  success: 'Policy was satisfied successfully',
  skip: 'Policy check was skipped',
} as const;

type RuleType = keyof typeof descriptions;

/** Formats results as a SARIF 2.1.0 log with one run of the tool `conftest`. */
export function formatSarif(results: readonly CheckResult[]): string {
  const rules: Record<string, unknown>[] = [];
  const ruleIndex = new Map<string, number>();
  const sarifResults: Record<string, unknown>[] = [];

  const add = (result: CheckResult, type: RuleType, level: string, message: PolicyResult): void => {
    const ruleId = `${result.namespace}/${type}`;
    let index = ruleIndex.get(ruleId);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(ruleId, index);
      const rule: Record<string, unknown> = {
        id: ruleId,
        shortDescription: { text: descriptions[type] },
        fullDescription: { text: descriptions[type] },
      };
      if (message.metadata && Object.keys(message.metadata).length > 0) rule.properties = message.metadata;
      rules.push(rule);
    }
    sarifResults.push({
      ruleId,
      ruleIndex: index,
      level,
      message: { text: message.msg },
      locations: [{ physicalLocation: { artifactLocation: { uri: result.filename.replace(/\\/g, '/') } } }],
    });
  };

  for (const result of results) {
    for (const failure of result.failures) add(result, 'deny', 'error', failure);
    for (const warning of result.warnings) add(result, 'warn', 'warning', warning);
    for (const exception of result.exceptions) add(result, 'allow', 'note', exception);
    if (result.failures.length === 0 && result.warnings.length === 0 && result.exceptions.length === 0) {
      const type = result.successes === 0 ? 'skip' : 'success';
      add(result, type, 'none', { msg: descriptions[type], metadata: { description: descriptions[type] } });
    }
  }

  const sum = totals(results);
  const exitCodeDescription =
    sum.failures > 0
      ? 'Policy violations found'
      : sum.warnings > 0
        ? 'Policy warnings found'
        : sum.exceptions > 0
          ? 'Policy exceptions found'
          : 'No policy violations found';
  const log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'conftest', informationUri: 'https://github.com/open-policy-agent/conftest', rules } },
        results: sarifResults,
        invocations: [{ executionSuccessful: true, exitCode: sum.failures > 0 ? 1 : 0, exitCodeDescription }],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
