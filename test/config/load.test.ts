import { readFileSync } from 'node:fs';
import { ConfigError, loadEnvironments, parseEnvironment } from '../../lib/config';
import { environmentJsonSchema } from '../../lib/config/json-schema';
import { DEFAULT_KUBERNETES_VERSION } from '../../lib/validate/kubernetes-version';

const productionText = readFileSync('environments/production.yaml', 'utf8');
const file = 'environments/production.yaml';

/** 1-based line of the first line containing `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

/** Parses production.yaml after one textual edit and returns the error it raises. */
function errorAfter(from: string | RegExp, to: string): ConfigError {
  const edited = productionText.replace(from, to);
  expect(edited).not.toBe(productionText);
  try {
    parseEnvironment(edited, file, 'production');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected the edited configuration to be rejected');
}

describe('loading environments', () => {
  it('loads the three reference environments in name order with defaults applied', () => {
    const environments = loadEnvironments('environments');
    expect(environments.map((e) => e.config.name)).toEqual(['development', 'production', 'staging']);
    const production = environments[1].config;
    expect(production.namespace).toBe('video-app');
    expect(production.services.api.probes).toEqual({ liveness: '/health', readiness: '/ready' });
    expect(production.services.worker.replicas).toEqual({ min: 3, max: 15 });
    expect(production.blueGreen.api.activeColor).toBe('blue');
    expect(production.backup.schedule).toBe('0 2 * * *');
    expect(production.kubernetesVersion).toBe('1.35');
  });

  it('defaults the Kubernetes version to 1.35, which upstream still supports', () => {
    const config = parseEnvironment(productionText.replace(/kubernetesVersion: "1.35"\n/, ''), file, 'production');
    expect(config.kubernetesVersion).toBe(DEFAULT_KUBERNETES_VERSION);
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.35');
  });

  it('matches the reference sizing table', () => {
    const byName = Object.fromEntries(loadEnvironments('environments').map((e) => [e.config.name, e.config]));
    const sizing = (name: string) => {
      const { api, worker } = byName[name].services;
      return [api.resources, worker.resources, api.replicas, worker.replicas, api.autoscaling.cpuPercent, api.autoscaling.memoryPercent, worker.autoscaling.cpuPercent, worker.autoscaling.memoryPercent];
    };
    expect(sizing('development')).toEqual([{ cpu: '250m', memory: '256Mi' }, { cpu: '500m', memory: '512Mi' }, { min: 1, max: 2 }, { min: 1, max: 2 }, 70, 80, 75, 85]);
    expect(sizing('staging')).toEqual([{ cpu: '500m', memory: '512Mi' }, { cpu: '1000m', memory: '1Gi' }, { min: 2, max: 5 }, { min: 2, max: 5 }, 70, 80, 75, 85]);
    expect(sizing('production')).toEqual([{ cpu: '500m', memory: '512Mi' }, { cpu: '1000m', memory: '1Gi' }, { min: 3, max: 10 }, { min: 3, max: 15 }, 60, 75, 65, 80]);
  });
});

describe('bad configuration is rejected with file, line, field and value', () => {
  it('min replicas above max', () => {
    expect(errorAfter('replicas: { min: 3, max: 10 }', 'replicas: { min: 12, max: 10 }').message).toBe(
      `${file}:${lineOf(productionText, 'min: 3, max: 10')}:22: services.api.replicas.min: 12 min must not exceed max`,
    );
  });

  it('a blue/green entry for an unknown service', () => {
    const error = errorAfter('blueGreen:\n  api:', 'blueGreen:\n  apii:');
    expect(error.issues[0]).toEqual({
      file,
      line: lineOf(productionText, 'blueGreen:') + 1,
      column: 3,
      path: 'blueGreen.apii',
      value: undefined,
      message: 'names no service of this environment (services: api, web, worker)',
    });
  });

  it('an active color without an image', () => {
    const error = errorAfter(/blue:\n      image: \S+\n/, 'blue: {}\n');
    expect(error.issues[0]).toMatchObject({ path: 'blueGreen.api.blue.image', message: 'is required: the active color "blue" has no image' });
    expect(error.message).toMatch(new RegExp(`^${file}:\\d+:\\d+: blueGreen\\.api\\.blue\\.image: is required`));
  });

  it('a memory quantity with the wrong suffix case', () => {
    expect(errorAfter('memory: 512Mi', 'memory: 500mi').message).toBe(
      `${file}:${lineOf(productionText, 'memory: 512Mi')}:37: services.api.resources.memory: "500mi" must be a memory quantity such as 512Mi or 1Gi (suffixes Ki, Mi, Gi, Ti, k, M, G, T; case-sensitive)`,
    );
  });

  it('an invalid host', () => {
    const error = errorAfter('host: api.example.com', 'host: API_example');
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'ingress.host', value: 'API_example', line: lineOf(productionText, 'host: api.example.com'), message: 'must be a lower-case DNS host name such as api.example.com' }),
    ]);
  });

  it.each([0, 70000])('port %d', (badPort) => {
    const error = errorAfter('port: 8080', `port: ${badPort}`);
    expect(error.issues).toEqual([expect.objectContaining({ path: 'services.api.port', value: badPort, message: 'must be a port between 1 and 65535' })]);
  });

  it('a Kubernetes version without schemas, listing the supported ones', () => {
    const error = errorAfter('kubernetesVersion: "1.35"', 'kubernetesVersion: "1.37"');
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'kubernetesVersion', value: '1.37', message: 'no schemas for Kubernetes 1.37: supported versions are 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36 (master and latest mean 1.36)' }),
    ]);
  });

  it('an unquoted Kubernetes version, which YAML reads as a number', () => {
    const error = errorAfter('kubernetesVersion: "1.35"', 'kubernetesVersion: 1.30');
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'kubernetesVersion', value: 1.3, message: 'must be a quoted Kubernetes version such as "1.35" (unquoted, 1.30 would be read as the number 1.3)' }),
    ]);
  });

  it('an unknown key, pointing at the key', () => {
    const error = errorAfter('  pods: 100', '  pods: 100\n  cpuLimit: 2');
    expect(error.message).toBe(`${file}:${lineOf(productionText, 'pods: 100') + 1}:3: quota.cpuLimit: is not a known field; check its spelling and indentation`);
  });

  it('a missing required field', () => {
    const error = errorAfter(/  clusterIssuer: \S+\n/, '');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'ingress.clusterIssuer', message: 'is required', line: lineOf(productionText, 'ingress:') })]);
  });

  it('a duplicate key', () => {
    const error = errorAfter('namespace: video-app\n', 'namespace: video-app\nnamespace: other\n');
    expect(error.message).toMatch(new RegExp(`^${file}:${lineOf(productionText, 'namespace: video-app') + 1}:1: invalid YAML: Map keys must be unique`));
  });

  it('a name that differs from the file name', () => {
    expect(errorAfter('name: production', 'name: prod').message).toBe(`${file}:${lineOf(productionText, 'name: production')}:7: name: "prod" must equal the file name "production"`);
  });

  it('a service named like the backup jobs', () => {
    const error = errorAfter('  worker:\n', '  backup:\n');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'services.backup', message: 'is reserved for the backup jobs; choose another service name' })]);
  });

  it('reports every problem at once', () => {
    const edited = productionText.replace('memory: 512Mi', 'memory: 5 Gi').replace('port: 5432', 'port: 0');
    expect(() => parseEnvironment(edited, file, 'production')).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'network.postgres.port' }), expect.objectContaining({ path: 'services.api.resources.memory' })] }),
    );
  });
});

describe('the editors\' JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run config:schema` after changing it)', () => {
    expect(readFileSync('environments/environment.schema.json', 'utf8')).toBe(environmentJsonSchema());
  });
});
