import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEnvironment, generatedServiceName, readReferenceEnvironments, writeGeneratedEnvironments } from '../../bench/generate-config';
import { parseObjects } from '../../bench/objects';
import { renderEnvironments } from '../../lib/synth';

type Service = { image?: string; ingressPath?: string; secretEnv?: Record<string, { secret: string; key: string }> };

const references = readReferenceEnvironments('environments');
const production = references.get('production')!;

describe('generateEnvironment', () => {
  const generated = generateEnvironment(production, 7);
  const services = generated.services as Record<string, Service>;

  it('names services after the reference services in turn, zero-padded so that they sort by index', () => {
    const templates = Object.keys(production.services as object).sort();
    expect(Object.keys(services)).toEqual(Array.from({ length: 7 }, (_, i) => generatedServiceName(templates[i % templates.length], i + 1, 7)));
    expect(generatedServiceName('api', 12, 1000)).toBe('api-0012');
    expect(generatedServiceName('api', 12, 10000)).toBe('api-00012');
  });

  it('gives every copy its own ingress path, image repository and Secrets', () => {
    const paths = Object.values(services).flatMap((service) => (service.ingressPath ? [service.ingressPath] : []));
    expect(new Set(paths).size).toBe(paths.length);
    for (const [name, service] of Object.entries(services)) {
      if (service.image) expect(service.image).toMatch(new RegExp(`/${name}[:@]`));
      for (const reference of Object.values(service.secretEnv ?? {})) expect(reference.secret.startsWith(`${name}-`)).toBe(true);
    }
  });

  it('copies blue/green settings to the copies of a blue/green reference service, with their own preview host', () => {
    const referenceBlueGreen = Object.keys((production.blueGreen ?? {}) as object);
    const blueGreen = (generated.blueGreen ?? {}) as Record<string, { previewHost: string }>;
    const expected = Object.keys(services).filter((name) => referenceBlueGreen.some((template) => name.startsWith(`${template}-`)));
    expect(Object.keys(blueGreen).sort()).toEqual(expected.sort());
    const hosts = Object.values(blueGreen).map((entry) => entry.previewHost);
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  it('grows the quota with the number of services', () => {
    const templates = Object.keys(production.services as object).length;
    const large = generateEnvironment(production, templates * 10).quota as { pods: number };
    expect(large.pods).toBe((production.quota as { pods: number }).pods * 10);
  });

  it('refuses a service count that is not a positive integer', () => {
    expect(() => generateEnvironment(production, 0)).toThrow(/positive integer/);
    expect(() => generateEnvironment(production, 2.5)).toThrow(/positive integer/);
  });
});

describe('a generated platform of 10 services × 3 environments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('synthesizes without errors, with a Deployment (or a canary Rollout) for every service of every environment', () => {
    const environments = writeGeneratedEnvironments('environments', dir, 10);
    expect(environments.map((environment) => environment.name)).toEqual([...references.keys()]);
    const { tree } = renderEnvironments(dir);
    for (const { name } of environments) {
      const objects = [...tree].filter(([path]) => path.startsWith(`${name}/`)).flatMap(([path, text]) => parseObjects(text, path));
      const owners = new Set(objects.filter((object) => object.kind === 'Deployment' || object.kind === 'Rollout').map((object) => object.metadata.labels?.['app.kubernetes.io/name']));
      const services = Array.from({ length: 10 }, (_, i) => generatedServiceName(Object.keys(references.get(name)!.services as object).sort()[i % 3], i + 1, 10));
      for (const service of services) expect(owners.has(service)).toBe(true);
    }
  });
});
