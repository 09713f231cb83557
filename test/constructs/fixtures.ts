import { Testing, type Chart } from 'cdk8s';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvironment, type EnvironmentConfig, type ServiceConfig } from '../../lib/config';

/** A synthesized Kubernetes object, loosely typed for assertions. */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> }; [field: string]: any };

const productionYaml = readFileSync(join(__dirname, '../../environments/production.yaml'), 'utf8');

/**
 * The reference production environment, parsed through lib/config (so defaults apply), fresh on
 * every call so that a test may modify it freely.
 */
export function productionEnvironment(): EnvironmentConfig {
  return parseEnvironment(productionYaml, 'environments/production.yaml', 'production');
}

/**
 * Production without blue/green: the api then runs one Deployment from its former active image,
 * which is what most single-Deployment tests want.
 */
export function plainEnvironment(): EnvironmentConfig {
  const environment = productionEnvironment();
  const api = environment.blueGreen.api;
  environment.services.api.image = api[api.activeColor].image;
  environment.blueGreen = {};
  return environment;
}

/** A service with only the required fields (defaults applied as the schema would). */
export function minimalService(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    component: 'api',
    image: 'registry.example.com/video-platform/minimal:0.1.0',
    metricsPort: 9090,
    metricsPath: '/metrics',
    probes: { liveness: '/health', readiness: '/ready' },
    resources: { cpu: '100m', memory: '128Mi' },
    replicas: { min: 1, max: 1 },
    autoscaling: { cpuPercent: 80, memoryPercent: 80, scaleDownStabilizationSeconds: 300 },
    kubernetesApi: [],
    egress: [],
    env: {},
    secretEnv: {},
    terminationGracePeriodSeconds: 30,
    preStopSleepSeconds: 5,
    ...overrides,
  };
}

/** Builds constructs in a fresh test chart and returns its objects. */
export function synthesize(build: (chart: Chart) => void): Manifest[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart) as Manifest[];
}

/** The messages of every `node.addValidation` of the constructs `build` creates. */
export function validationErrors(build: (chart: Chart) => void): string[] {
  const chart = Testing.chart();
  build(chart);
  return chart.node.findAll().flatMap((construct) => construct.node.validate());
}

/** The objects of one kind. */
export function ofKind(manifests: readonly Manifest[], kind: string): Manifest[] {
  return manifests.filter((manifest) => manifest.kind === kind);
}

/** The sorted names of the objects of one kind. */
export function namesOf(manifests: readonly Manifest[], kind: string): string[] {
  return ofKind(manifests, kind)
    .map((manifest) => manifest.metadata.name)
    .sort();
}

/** The one object of `kind` named `name`; fails the test, listing what exists, when there is none. */
export function find(manifests: readonly Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) {
    const present = manifests.map((manifest) => `${manifest.kind}/${manifest.metadata.name}`).join(', ');
    throw new Error(`no ${kind} named ${name}; present: ${present}`);
  }
  return found;
}

/** Whether every label of `selector` is among `labels`, i.e. the selector matches an object with them. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
