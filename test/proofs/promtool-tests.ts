import { spawnSync } from 'node:child_process';
import type { AlertCase, AlertScenario } from './alert-cases';
import { findTool, type ProofTool } from './tools';

/** promtool, from Debian's `prometheus` package. */
export const promtool: ProofTool = { command: 'promtool', debianPackages: 'prometheus' };

/** An alerting rule as a PrometheusRule's `spec.groups[].rules[]` holds it. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** Runs promtool; `output` is stdout and stderr together, for assertion messages. */
export function runPromtool(args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(findTool(promtool)!, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Whole minutes of a Prometheus duration such as `15m` or `1h30m` (the rules use nothing finer). */
export function durationMinutes(duration: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(duration);
  if (!match || duration === '') throw new Error(`for: "${duration}" is not a duration in hours and minutes such as 15m or 1h30m`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/**
 * What an annotation reads once the alert fires: `{{ $labels.x }}` replaced by the alert's label,
 * `{{ $value … }}` by `valueText`. Any other template, or a label the alert does not have, throws,
 * so a typo in a rule's template is reported instead of expected.
 */
export function expectedAnnotation(template: string, labels: Readonly<Record<string, string>>, valueText: string | undefined, where: string): string {
  const text = template
    .replace(/\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) => {
      if (!Object.hasOwn(labels, name)) throw new Error(`${where}: the template uses $labels.${name}, which the alert does not carry (labels: ${Object.keys(labels).sort().join(', ')})`);
      return labels[name];
    })
    .replace(/\{\{\s*\$value\b[^}]*\}\}/g, () => {
      if (valueText === undefined) throw new Error(`${where}: the template prints $value; give the scenario a valueText`);
      return valueText;
    });
  if (text.includes('{{')) throw new Error(`${where}: unsupported template in "${template}"; extend expectedAnnotation`);
  return text;
}

/** One promtool test group (`tests[]` of a unit-test file). */
interface TestGroup {
  name: string;
  interval: string;
  input_series: { series: string; values: string }[];
  alert_rule_test: { eval_time: string; alertname: string; exp_alerts: { exp_labels: Record<string, string>; exp_annotations: Record<string, string> }[] }[];
}

/** Counts of the scenarios written, for the report. */
export interface ScenarioCounts {
  firing: number;
  silent: number;
}

/**
 * promtool's unit-test file for `rules` (loaded from `ruleFiles`): per alert, every firing scenario
 * (silent one minute before its `for:` has elapsed, firing once it has, with the expected labels and
 * annotations) and every silent one. An alert without scenarios throws: every alert is proven.
 */
export function promtoolTestFile(ruleFiles: readonly string[], rules: readonly AlertingRule[], cases: Readonly<Record<string, AlertCase>>): { file: object; counts: ScenarioCounts } {
  const tests: TestGroup[] = [];
  const counts: ScenarioCounts = { firing: 0, silent: 0 };
  for (const rule of [...rules].sort((a, b) => a.alert.localeCompare(b.alert))) {
    const alertCase = cases[rule.alert];
    if (!alertCase) throw new Error(`alert ${rule.alert} has no promtool scenarios; add a firing and a silent one to test/proofs/alert-cases.ts`);
    if (alertCase.firing.length === 0 || alertCase.silent.length === 0) throw new Error(`alert ${rule.alert} needs at least one firing and one silent scenario`);
    const forMinutes = rule.for === undefined ? 0 : durationMinutes(rule.for);
    for (const scenario of alertCase.firing) {
      tests.push(firingGroup(rule, scenario, forMinutes));
      counts.firing += 1;
    }
    const latestFiring = Math.max(...alertCase.firing.map((scenario) => firingMinute(rule, scenario, forMinutes)));
    for (const scenario of alertCase.silent) {
      // With `for:`, checked no earlier than the firing scenarios fire, so that silence is not just a pending alert.
      if (forMinutes > 0 && scenario.evalMinute < latestFiring) throw new Error(`${rule.alert}, silent "${scenario.situation}": evaluate at minute ${latestFiring} or later, when the firing scenarios fire`);
      tests.push({
        name: `${rule.alert} stays silent: ${scenario.situation}`,
        interval: '1m',
        input_series: scenario.inputSeries.map((series) => ({ ...series })),
        alert_rule_test: [{ eval_time: `${scenario.evalMinute}m`, alertname: rule.alert, exp_alerts: [] }],
      });
      counts.silent += 1;
    }
  }
  return { file: { rule_files: [...ruleFiles], evaluation_interval: '1m', tests }, counts };
}

/** When a firing scenario is checked: once `for:` has elapsed since its condition started to hold. */
function firingMinute(rule: AlertingRule, scenario: AlertScenario, forMinutes: number): number {
  if (forMinutes === 0) return scenario.evalMinute;
  if (scenario.conditionFromMinute === undefined) throw new Error(`${rule.alert}, firing "${scenario.situation}": the rule has for: ${rule.for}; give conditionFromMinute`);
  return scenario.conditionFromMinute + forMinutes;
}

function firingGroup(rule: AlertingRule, scenario: AlertScenario, forMinutes: number): TestGroup {
  const where = `${rule.alert}, firing "${scenario.situation}"`;
  if (!scenario.labels) throw new Error(`${where}: give the labels the alert should carry`);
  const labels = { ...scenario.labels, ...rule.labels };
  const annotations = Object.fromEntries(
    Object.keys(rule.annotations)
      .sort()
      .map((key) => [key, expectedAnnotation(rule.annotations[key], labels, scenario.valueText, `${where}, annotation ${key}`)]),
  );
  const fireAt = firingMinute(rule, scenario, forMinutes);
  const pending = forMinutes === 0 ? [] : [{ eval_time: `${fireAt - 1}m`, alertname: rule.alert, exp_alerts: [] }];
  return {
    name: `${rule.alert} fires: ${scenario.situation}`,
    interval: '1m',
    input_series: scenario.inputSeries.map((series) => ({ ...series })),
    alert_rule_test: [...pending, { eval_time: `${fireAt}m`, alertname: rule.alert, exp_alerts: [{ exp_labels: labels, exp_annotations: annotations }] }],
  };
}
