import { readFileSync } from 'node:fs';
import { ConfigError, parseEnvironment, strategyOf } from '../../lib/config';

const stagingText = readFileSync('environments/staging.yaml', 'utf8');
const productionText = readFileSync('environments/production.yaml', 'utf8');

/** Parses `text` as environment `name` and returns the formatted error lines. */
function errors(text: string, name: 'staging' | 'production'): string[] {
  try {
    parseEnvironment(text, `environments/${name}.yaml`, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n');
  }
  throw new Error('expected the configuration to be rejected');
}

/** `text` with one edit, which must change it. */
function edited(text: string, from: string | RegExp, to: string): string {
  const result = text.replace(from, to);
  expect(result).not.toBe(text);
  return result;
}

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

const canaryEntry = /\ncanary:\n(  .*\n|\s*\n|#.*\n)*/;

describe('release strategy', () => {
  it('reads staging api as canary with the default analysis, production api as blue/green, the rest as rolling', () => {
    const staging = parseEnvironment(stagingText, 'environments/staging.yaml', 'staging');
    expect(strategyOf(staging, 'api')).toBe('canary');
    expect(strategyOf(staging, 'worker')).toBe('rolling');
    expect(staging.canary.api?.steps.map((step) => step.weight)).toEqual([10, 25, 50]);
    expect(staging.monitoring.prometheusUrl).toBe('http://prometheus-operated.monitoring.svc:9090');
    const production = parseEnvironment(productionText, 'environments/production.yaml', 'production');
    expect(strategyOf(production, 'api')).toBe('blueGreen');
  });

  it('keeps a file from before `strategy` valid: a blueGreen entry means blue/green', () => {
    const withoutStrategy = edited(productionText, '    strategy: blueGreen\n', '');
    const production = parseEnvironment(withoutStrategy, 'environments/production.yaml', 'production');
    expect(production.services.api.strategy).toBeUndefined();
    expect(strategyOf(production, 'api')).toBe('blueGreen');
  });

  it('takes the default steps and analysis from an empty canary entry', () => {
    const minimal = edited(stagingText, canaryEntry, '\ncanary:\n  api: {}\n');
    const canary = parseEnvironment(minimal, 'environments/staging.yaml', 'staging').canary.api;
    expect(canary).toEqual({
      promoteFull: false,
      steps: [{ weight: 10, pause: '5m' }, { weight: 25, pause: '5m' }, { weight: 50, pause: '5m' }],
      analysis: { interval: '1m', failureLimit: 1 },
    });
  });

  it('refuses strategy canary without canary settings, naming file, line, field and value', () => {
    const text = edited(stagingText, canaryEntry, '\n');
    const line = lineOf(text, 'strategy: canary');
    expect(errors(text, 'staging')).toEqual([
      `environments/staging.yaml:${line}:15: services.api.strategy: "canary" is canary but there is no canary.api; add it (\`canary: { api: {} }\` takes the default steps and analysis)`,
    ]);
  });

  it('refuses one service with both blueGreen and canary settings', () => {
    const text = `${productionText}\ncanary:\n  api: {}\n`;
    expect(errors(text, 'production')).toEqual([
      `environments/production.yaml:${lineOf(text, 'canary:') + 1}:3: canary.api: conflicts with blueGreen.api: a service has one release strategy; keep the entry of services.api.strategy and delete the other`,
    ]);
  });

  it('refuses canary settings for a service of another strategy, or of no service', () => {
    const rolling = edited(stagingText, '    strategy: canary\n', '');
    expect(errors(rolling, 'staging').join('\n')).toMatch(/canary\.api: applies only to strategy canary, but services\.api\.strategy is rolling; set strategy: canary or delete this entry/);
    const unknown = `${edited(stagingText, canaryEntry, '\n')}canary:\n  search: {}\n`;
    expect(errors(unknown.replace('    strategy: canary\n', ''), 'staging')).toEqual([
      `environments/staging.yaml:${lineOf(unknown, 'search: {}') - 1}:3: canary.search: names no service of this environment (services: api, web, worker)`,
    ]);
  });

  it('refuses a canary service without a port or an ingress path', () => {
    const text = edited(stagingText, '    ingressPath: /api\n', '');
    expect(errors(text, 'staging').join('\n')).toContain('services.api.strategy: "canary" is canary, which splits traffic at the Ingress; give the service an ingressPath (or use rolling)');
  });

  it('refuses steps whose weight does not grow or reaches 100, and a pause without a unit', () => {
    const shrinking = edited(stagingText, '{ weight: 25, pause: 5m }', '{ weight: 5, pause: 5m }');
    expect(errors(shrinking, 'staging')).toEqual([
      `environments/staging.yaml:${lineOf(shrinking, 'weight: 5,')}:19: canary.api.steps.1.weight: 5 must be greater than the previous step's weight (10): traffic to the canary only grows`,
    ]);
    const full = edited(stagingText, '{ weight: 50, pause: 5m }', '{ weight: 100, pause: 5m }');
    expect(errors(full, 'staging').join('\n')).toContain('canary.api.steps.2.weight: 100 must be a percentage from 1 to 99; reaching 100 is the end of the steps');
    const unitless = edited(stagingText, '{ weight: 10, pause: 5m }', '{ weight: 10, pause: "300" }');
    expect(errors(unitless, 'staging').join('\n')).toContain('canary.api.steps.0.pause: "300" must be a duration such as 30s, 5m or 1h');
  });

  it('refuses an unknown strategy and a Prometheus address that is not a URL', () => {
    expect(errors(edited(stagingText, 'strategy: canary', 'strategy: linear'), 'staging').join('\n')).toMatch(/services\.api\.strategy: "linear" Invalid option: expected one of "rolling"\|"blueGreen"\|"canary"/);
    const url = edited(stagingText, 'monitoring:\n', 'monitoring:\n  prometheusUrl: prometheus:9090\n');
    expect(errors(url, 'staging').join('\n')).toContain('monitoring.prometheusUrl: "prometheus:9090" must be an http:// or https:// URL');
  });
});
