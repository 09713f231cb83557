import { dump } from 'js-yaml';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { AlertRules } from '../../lib/constructs/alert-rules';
import { synthesize } from '../constructs/fixtures';
import { alertCases } from './alert-cases';
import { generatedEnvironments, generatedObjectsOfKind } from './generated-objects';
import { promtool, promtoolTestFile, runPromtool, type AlertingRule, type ScenarioCounts } from './promtool-tests';
import { describeWithTools } from './tools';

/** A PrometheusRule's spec is a Prometheus rule file as promtool reads it. */
interface RuleSpec {
  groups: { name: string; rules: AlertingRule[] }[];
}

const loadConfig = (environment: string): EnvironmentConfig => loadEnvironment(join(__dirname, '../../environments', `${environment}.yaml`));

const alertingRules = (spec: RuleSpec): AlertingRule[] => spec.groups.flatMap((group) => group.rules).filter((rule) => rule.alert !== undefined);

let folder: string;
beforeAll(() => void (folder = mkdtempSync(join(tmpdir(), 'promtool-'))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes `spec` as a rule file and promtool unit tests for it; returns promtool's verdicts. */
function proveRules(name: string, spec: RuleSpec, config: EnvironmentConfig): { check: ReturnType<typeof runPromtool>; test: ReturnType<typeof runPromtool>; counts: ScenarioCounts } {
  const rulesFile = join(folder, `${name}.rules.yaml`);
  const testsFile = join(folder, `${name}.tests.yaml`);
  writeFileSync(rulesFile, dump(spec, { lineWidth: -1 }));
  const { file, counts } = promtoolTestFile([rulesFile], alertingRules(spec), alertCases(config.namespace, config.monitoring));
  writeFileSync(testsFile, dump(file, { lineWidth: -1 }));
  return { check: runPromtool(['check', 'rules', rulesFile]), test: runPromtool(['test', 'rules', testsFile]), counts };
}

describeWithTools([promtool], 'alert rule proofs')('PrometheusRules, proven with promtool', () => {
  const totals: ScenarioCounts = { firing: 0, silent: 0 };
  afterAll(() => console.log(`promtool rule unit tests: ${totals.firing} firing and ${totals.silent} silent scenarios across ${generatedEnvironments().length} environments`));

  describe.each(generatedEnvironments())('dist/%s', (environment) => {
    const rules = generatedObjectsOfKind(environment, 'PrometheusRule');

    it('has a PrometheusRule', () => {
      expect(rules.length).toBeGreaterThan(0);
    });

    it.each(rules.map((rule) => [rule.metadata.name, rule] as const))('%s passes promtool check rules and its unit tests', (name, rule) => {
      const { check, test, counts } = proveRules(`${environment}-${name}`, rule.spec as RuleSpec, loadConfig(environment));
      expect({ status: check.status, output: check.output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
      expect({ status: test.status, output: test.output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
      expect(counts.firing).toBeGreaterThanOrEqual(alertingRules(rule.spec as RuleSpec).length);
      expect(counts.silent).toBeGreaterThanOrEqual(alertingRules(rule.spec as RuleSpec).length);
      totals.firing += counts.firing;
      totals.silent += counts.silent;
    }, 60_000);
  });

  describe('thresholds shared by the rules and their tests', () => {
    const specFor = (config: EnvironmentConfig): RuleSpec => {
      const [rule] = synthesize((chart) => new AlertRules(chart, 'alert-rules', { environment: config }));
      return rule.spec as RuleSpec;
    };
    const changed = (): EnvironmentConfig => {
      const config = loadConfig('production');
      config.monitoring = { ...config.monitoring, errorRatePercent: 5, latencyP95Seconds: 0.25, memoryLimitPercent: 80, crashLoopRestarts: 6, backupMaxAgeHours: 8 };
      return config;
    };

    it('proves rules built from changed thresholds with scenarios built from the same thresholds', () => {
      const config = changed();
      const { test } = proveRules('changed-thresholds', specFor(config), config);
      expect({ status: test.status, output: test.output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    }, 60_000);

    it('fails when the rules and the scenarios disagree on a threshold (the proof can fail)', () => {
      const { test } = proveRules('stale-thresholds', specFor(changed()), loadConfig('production'));
      expect(test.status).not.toBe(0);
      for (const alert of ['HighErrorRate', 'HighLatencyP95', 'HighMemoryUsage', 'PodCrashLooping', 'BackupTooOld']) expect(test.output).toContain(alert);
    }, 60_000);
  });
});
