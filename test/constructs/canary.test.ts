import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvironment, type EnvironmentConfig } from '../../lib/config';
import { alertDefinitions } from '../../lib/constructs/alert-rules';
import { canaryChecks, canaryScope, failureCondition, successCondition } from '../../lib/constructs/analysis-template';
import { EnvironmentChart } from '../../lib/constructs/environment-chart';
import { selectorLabels } from '../../lib/constructs/labels';
import { Testing } from 'cdk8s';
import type { Manifest } from './fixtures';

const stagingYaml = readFileSync(join(__dirname, '../../environments/staging.yaml'), 'utf8');

/** The reference staging environment, whose api is a canary service. */
function staging(): EnvironmentConfig {
  return parseEnvironment(stagingYaml, 'environments/staging.yaml', 'staging');
}

function render(environment: EnvironmentConfig): Manifest[] {
  const app = Testing.app();
  const chart = new EnvironmentChart(app, { environment });
  return Testing.synth(chart) as Manifest[];
}

const named = (manifests: Manifest[], kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind}/${name}`);
  return found;
};

/** Does a label selector's matchLabels select pods with these labels? */
const selects = (matchLabels: Record<string, string>, labels: Record<string, string>) => Object.entries(matchLabels).every(([key, value]) => labels[key] === value);

describe('a canary service', () => {
  const manifests = render(staging());
  const rollout = named(manifests, 'Rollout', 'api');
  const podLabels: Record<string, string> = rollout.spec.template.metadata.labels;
  const canary = rollout.spec.strategy.canary;

  it('runs a Rollout, a stable and a canary Service, an AnalysisTemplate and its own Ingress, and no Deployment', () => {
    expect(rollout.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(manifests.filter((m) => m.kind === 'Deployment' && m.metadata.name.startsWith('api'))).toEqual([]);
    expect(named(manifests, 'Service', 'api').spec.selector).toEqual(selectorLabels({ name: 'api', environment: 'staging' }));
    expect(named(manifests, 'Service', 'api-canary').spec.selector).toEqual(selectorLabels({ name: 'api', environment: 'staging' }));
    expect(named(manifests, 'AnalysisTemplate', 'api-canary').apiVersion).toBe('argoproj.io/v1alpha1');
    expect(canary).toMatchObject({ stableService: 'api', canaryService: 'api-canary', trafficRouting: { nginx: { stableIngress: 'api' } } });
  });

  it('has the pod template a Deployment of the same service would have', () => {
    const plain = staging();
    plain.services.api.strategy = 'rolling';
    plain.canary = {};
    const deployment = named(render(plain), 'Deployment', 'api');
    expect(rollout.spec.template).toEqual(deployment.spec.template);
    expect(rollout.spec.selector).toEqual(deployment.spec.selector);
    expect(rollout.spec.replicas).toBeUndefined();
  });

  it('routes the Ingress it splits to the stable Service, with the api path only', () => {
    const ingress = named(manifests, 'Ingress', 'api');
    expect(ingress.spec.rules).toEqual([
      { host: 'staging-api.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }] } },
    ]);
    const shared = named(manifests, 'Ingress', 'video-platform');
    expect(shared.spec.rules[0].http.paths.map((p: any) => p.backend.service.name)).toEqual(['web']);
    // One certificate request per host; both name the same TLS Secret.
    expect(shared.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe('letsencrypt-staging');
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBeUndefined();
    expect(ingress.spec.tls).toEqual(shared.spec.tls);
  });

  it('steps 10% → 25% → 50% with timed pauses, then promotes: no step waits for a human', () => {
    expect(canary.steps).toEqual([
      { setWeight: 10 }, { pause: { duration: '5m' } },
      { setWeight: 25 }, { pause: { duration: '5m' } },
      { setWeight: 50 }, { pause: { duration: '5m' } },
    ]);
    expect(canary.steps.filter((step: any) => step.pause !== undefined && step.pause.duration === undefined)).toEqual([]);
  });

  it('aborts on a failed analysis: a background analysis from step 1 whose metrics fail past failureLimit', () => {
    // Argo Rollouts aborts a canary whose background analysis (strategy.canary.analysis) fails, and an
    // abort sets the canary weight back to 0 (all traffic to stableService) and scales the canary down.
    expect(canary.analysis).toEqual({
      templates: [{ templateName: 'api-canary' }],
      startingStep: 1,
      args: [{ name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }],
    });
    const template = named(manifests, 'AnalysisTemplate', 'api-canary');
    expect(template.spec.args).toEqual([{ name: 'canary-hash' }]);
    for (const metric of template.spec.metrics) {
      expect(metric).toMatchObject({ interval: '1m', failureLimit: 1 });
      expect(metric.successCondition).toMatch(/ && result\[0\] <= [0-9.]+$/);
      expect(metric.failureCondition).toMatch(/ && result\[0\] > [0-9.]+$/);
      expect(metric.provider.prometheus.address).toBe('http://prometheus-operated.monitoring.svc:9090');
    }
  });

  it('queries the alert rules\' error-ratio and p95 expressions on the canary pods, with their thresholds', () => {
    const environment = staging();
    environment.monitoring = { ...environment.monitoring, errorRatePercent: 2.5, latencyP95Seconds: 0.4, prometheusUrl: 'http://prometheus.example:9090' };
    const template = named(render(environment), 'AnalysisTemplate', 'api-canary');
    const scope = canaryScope(environment, 'api');
    const alert = (name: string) => alertDefinitions.find((definition) => definition.name === name)!.expr(scope, environment.monitoring);
    const byName = Object.fromEntries(template.spec.metrics.map((metric: any) => [metric.name, metric]));
    // The alert fires when `query > threshold`; the analysis passes when `query <= threshold`.
    expect(`${byName['error-ratio-percent'].provider.prometheus.query} > 2.5`).toBe(alert('HighErrorRate'));
    expect(`${byName['latency-p95-seconds'].provider.prometheus.query} > 0.4`).toBe(alert('HighLatencyP95'));
    expect(byName['error-ratio-percent'].successCondition).toBe(successCondition(2.5));
    expect(byName['latency-p95-seconds'].successCondition).toBe(successCondition(0.4));
    expect(byName['error-ratio-percent'].failureCondition).toBe(failureCondition(2.5));
    expect(byName['latency-p95-seconds'].failureCondition).toBe(failureCondition(0.4));
    expect(byName['error-ratio-percent'].provider.prometheus.address).toBe('http://prometheus.example:9090');
    expect(scope).toBe('namespace="video-app-staging", container="api", rollouts_pod_template_hash="{{args.canary-hash}}"');
    expect(canaryChecks(environment, 'api').map((check) => check.name)).toEqual(Object.keys(byName));
  });

  it('judges a measurement as Argo Rollouts does: above the threshold fails, at or below passes, no data is inconclusive', () => {
    // The conditions use only len, isNaN, !, &&, <= and >, which mean the same in Argo Rollouts'
    // expression language as in JavaScript once len(x) is x.length.
    const holds = (condition: string, result: number[]) =>
      new Function('result', `return ${condition.replace(/len\((\w+)\)/g, '$1.length').replace(/isNaN\(/g, 'Number.isNaN(')};`)(result) as boolean;
    const verdict = (result: number[]) => {
      const [success, failure] = [holds(successCondition(1), result), holds(failureCondition(1), result)];
      return failure ? 'Failed' : success ? 'Successful' : 'Inconclusive';
    };
    expect(verdict([2.5])).toBe('Failed');
    expect(verdict([1])).toBe('Successful');
    expect(verdict([0.2])).toBe('Successful');
    expect(verdict([])).toBe('Inconclusive');
    expect(verdict([NaN])).toBe('Inconclusive');
  });

  it('with promoteFull, has no steps and no analysis (a plain rolling update)', () => {
    const environment = staging();
    environment.canary.api!.promoteFull = true;
    const promoted = named(render(environment), 'Rollout', 'api').spec.strategy.canary;
    expect(promoted.steps).toBeUndefined();
    expect(promoted.analysis).toBeUndefined();
    expect(promoted.trafficRouting).toEqual(canary.trafficRouting);
  });

  it('is scaled, protected, scraped and network-policed by its pods', () => {
    const hpa = named(manifests, 'HorizontalPodAutoscaler', 'api');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api' });
    expect(hpa.spec.minReplicas).toBe(2);
    expect(selects(named(manifests, 'PodDisruptionBudget', 'api').spec.selector.matchLabels, podLabels)).toBe(true);
    const monitor = named(manifests, 'PodMonitor', 'api');
    expect(selects(monitor.spec.selector.matchLabels, podLabels)).toBe(true);
    expect(monitor.spec.podTargetLabels).toContain('rollouts-pod-template-hash');
    expect(manifests.some((m) => m.kind === 'ServiceMonitor' && m.metadata.name === 'api')).toBe(false);
    const policies = manifests.filter((m) => m.kind === 'NetworkPolicy' && m.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'api');
    expect(policies.map((p) => p.metadata.name).sort()).toEqual(['allow-api-egress', 'allow-ingress-nginx-to-api', 'allow-monitoring-to-api']);
    for (const policy of policies) expect(selects(policy.spec.podSelector.matchLabels, podLabels)).toBe(true);
    expect(rollout.spec.template.spec.serviceAccountName).toBe('api');
  });
});
