import type { EnvironmentConfig } from '../../lib/config';
import { BlueGreen } from '../../lib/constructs/blue-green';
import { find, namesOf, productionEnvironment, selects, synthesize, validationErrors, type Manifest } from './fixtures';

const build = (environment: EnvironmentConfig): Manifest[] =>
  synthesize((chart) => new BlueGreen(chart, 'bg', { environment, serviceName: 'api' }));

const podLabels = (manifests: Manifest[], name: string): Record<string, string> =>
  find(manifests, 'Deployment', name).spec.template.metadata.labels;

describe('BlueGreen', () => {
  it('deploys both colors, each with its own image and version', () => {
    const manifests = build(productionEnvironment());
    expect(namesOf(manifests, 'Deployment')).toEqual(['api-blue', 'api-green']);
    expect(find(manifests, 'Deployment', 'api-blue').spec.template.spec.containers[0].image).toContain('api:1.4.2@');
    expect(find(manifests, 'Deployment', 'api-green').spec.template.spec.containers[0].image).toContain('api:1.4.1@');
    expect(podLabels(manifests, 'api-blue')['app.kubernetes.io/version']).toBe('1.4.2');
    expect(podLabels(manifests, 'api-green')['app.kubernetes.io/version']).toBe('1.4.1');
  });

  it('routes the main Service to exactly the active color and the preview Service to the other', () => {
    const manifests = build(productionEnvironment());
    const active = find(manifests, 'Service', 'api').spec.selector;
    const preview = find(manifests, 'Service', 'api-preview').spec.selector;
    expect(selects(active, podLabels(manifests, 'api-blue'))).toBe(true);
    expect(selects(active, podLabels(manifests, 'api-green'))).toBe(false);
    expect(selects(preview, podLabels(manifests, 'api-green'))).toBe(true);
    expect(selects(preview, podLabels(manifests, 'api-blue'))).toBe(false);
  });

  it('moves the Services when the active color flips', () => {
    const environment = productionEnvironment();
    environment.blueGreen.api.activeColor = 'green';
    const manifests = build(environment);
    expect(find(manifests, 'Service', 'api').spec.selector.color).toBe('green');
    expect(find(manifests, 'Service', 'api-preview').spec.selector.color).toBe('blue');
  });

  it('keeps a warm idle color autoscaled and protected like the active one', () => {
    const manifests = build(productionEnvironment());
    expect(namesOf(manifests, 'HorizontalPodAutoscaler')).toEqual(['api-blue', 'api-green']);
    expect(namesOf(manifests, 'PodDisruptionBudget')).toEqual(['api-blue', 'api-green']);
    expect(find(manifests, 'HorizontalPodAutoscaler', 'api-green').spec.scaleTargetRef.name).toBe('api-green');
    expect(find(manifests, 'PodDisruptionBudget', 'api-green').spec.selector.matchLabels.color).toBe('green');
  });

  it('scales an idle color to zero replicas without HPA or PDB when idleColorScale is zero', () => {
    const environment = productionEnvironment();
    environment.blueGreen.api.idleColorScale = 'zero';
    const manifests = build(environment);
    expect(find(manifests, 'Deployment', 'api-green').spec.replicas).toBe(0);
    expect(find(manifests, 'Deployment', 'api-blue').spec.replicas).toBeUndefined();
    expect(namesOf(manifests, 'HorizontalPodAutoscaler')).toEqual(['api-blue']);
    expect(namesOf(manifests, 'PodDisruptionBudget')).toEqual(['api-blue']);
  });

  it('does not deploy a color that has no image, but keeps the preview Service', () => {
    const environment = productionEnvironment();
    environment.blueGreen.api.idleColorScale = 'zero';
    environment.blueGreen.api.green = {};
    const manifests = build(environment);
    expect(namesOf(manifests, 'Deployment')).toEqual(['api-blue']);
    expect(namesOf(manifests, 'HorizontalPodAutoscaler')).toEqual(['api-blue']);
    expect(namesOf(manifests, 'Service')).toEqual(['api', 'api-preview']);
  });

  it('writes no Services for a blue/green service without a port', () => {
    const environment = productionEnvironment();
    environment.services.api.port = undefined;
    environment.services.api.ingressPath = undefined;
    expect(namesOf(build(environment), 'Service')).toEqual([]);
  });

  it('reports an active color without an image', () => {
    const environment = productionEnvironment();
    environment.blueGreen.api.blue = {};
    expect(validationErrors((chart) => new BlueGreen(chart, 'bg', { environment, serviceName: 'api' }))).toEqual([
      'blueGreen.api.blue.image: the active color "blue" has no image; release one to blue or set activeColor to green',
    ]);
    expect(validationErrors((chart) => new BlueGreen(chart, 'bg', { environment: productionEnvironment(), serviceName: 'api' }))).toEqual([]);
  });

  it('refuses a service without a blueGreen entry, naming it', () => {
    expect(() => synthesize((chart) => new BlueGreen(chart, 'bg', { environment: productionEnvironment(), serviceName: 'web' }))).toThrow(
      'serviceName "web" has no entry under blueGreen',
    );
  });
});
