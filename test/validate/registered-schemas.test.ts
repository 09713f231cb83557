import Ajv, { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { GeneratedValidator } from '../../lib/validate/field-tree';
import { registeredValidator } from '../../lib/validate/registered-schemas';
import { cachedStandaloneValidator, installCacheDirectory, type StandaloneRecipe } from '../../lib/validate/standalone-cache';

const rolloutModel = join(dirname(require.resolve('@kubernetes-models/argo-rollouts/package.json')), 'argoproj.io', 'v1alpha1', 'Rollout.js');
const stagingRollout = parseAllDocuments(readFileSync(join('dist', 'staging', 'rollout.argoproj.io_api.yaml'), 'utf8'))[0].toJSON() as Record<string, unknown>;

/** The verdict and error locations of the package's own run-time validator, the reference. */
function packageVerdict(document: unknown): { valid: boolean; errors: string[] } {
  const registry = require(require.resolve('@kubernetes-models/validate', { paths: [dirname(rolloutModel)] })) as { validate(id: string, data: unknown): void };
  const { Rollout } = require(rolloutModel) as { Rollout: new (data: object) => { validate(): void } };
  try {
    // The model registers its schema when it first validates.
    new Rollout({}).validate();
  } catch {
    // An empty Rollout is invalid; only the registration was wanted.
  }
  try {
    registry.validate('argoproj.io.v1alpha1.Rollout', document);
    return { valid: true, errors: [] };
  } catch (error) {
    return { valid: false, errors: ((error as { errors: { instancePath: string; keyword: string }[] }).errors ?? []).map((e) => `${e.keyword} ${e.instancePath}`).sort() };
  }
}

function ourVerdict(document: unknown): { valid: boolean; errors: string[] } {
  const validate = registeredValidator(rolloutModel, 'Rollout', 'argoproj.io.v1alpha1.Rollout');
  const valid = validate(document);
  return { valid, errors: (validate.errors ?? []).map((e) => `${e.keyword} ${e.instancePath}`).sort() };
}

describe('schemas registered at run time by older kubernetes-models packages', () => {
  const spec = stagingRollout.spec as Record<string, unknown>;
  const cases: Record<string, unknown> = {
    'the synthesized staging Rollout': stagingRollout,
    'replicas as a string': { ...stagingRollout, spec: { ...spec, replicas: 'three' } },
    'a nullable reference given as null': { ...stagingRollout, metadata: null },
    'no spec': { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'x' } },
    'a date-time that is not one': { ...stagingRollout, spec: { ...spec, restartAt: 'yesterday' } },
  };

  it.each(Object.keys(cases))('gives the package validator’s verdict for %s', (name) => {
    expect(ourVerdict(cases[name])).toEqual(packageVerdict(cases[name]));
  });

  it('rejects what the package rejects, and accepts what it accepts', () => {
    expect(ourVerdict(cases['the synthesized staging Rollout']).valid).toBe(true);
    expect(ourVerdict(cases['replicas as a string'])).toEqual({ valid: false, errors: ['type /spec/replicas'] });
  });

  it('keeps the compiled validator in node_modules/.cache/validators', () => {
    ourVerdict(stagingRollout);
    const folder = installCacheDirectory(rolloutModel);
    expect(folder).toBe(join(process.cwd(), 'node_modules', '.cache', 'validators'));
    expect(readdirSync(folder).some((file) => file.endsWith('.js'))).toBe(true);
  });
});

describe('cachedStandaloneValidator', () => {
  const schema = { type: 'object', properties: { port: { type: 'integer', format: 'int32' } }, required: ['port'] };

  function recipe(cacheDirectory: string, compiled: { count: number }): StandaloneRecipe {
    const ajv = () => {
      const instance = new Ajv({ allErrors: true, code: { source: true, formats: _`formats` } });
      instance.addFormat('int32', { type: 'number', validate: (value: number) => Math.abs(value) < 2 ** 31 });
      return instance;
    };
    return {
      identity: ['test', JSON.stringify(schema)],
      cacheDirectory,
      requireFrom: require.resolve('ajv'),
      formats: () => ajv().formats as Record<string, unknown>,
      compile: () => {
        compiled.count += 1;
        const instance = ajv();
        const validate = instance.compile(schema);
        return { validate: validate as GeneratedValidator, source: standaloneCode(instance, validate) };
      },
    };
  }

  it('compiles once, then loads the generated code, with the same verdicts and formats', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'validators-')), 'cache');
    const compiled = { count: 0 };
    const first = cachedStandaloneValidator(recipe(folder, compiled));
    const second = cachedStandaloneValidator(recipe(folder, compiled));
    expect(compiled.count).toBe(1);
    expect(readdirSync(folder)).toHaveLength(1);
    for (const validate of [first, second]) {
      expect(validate({ port: 80 })).toBe(true);
      expect(validate({ port: 2 ** 40 })).toBe(false);
      expect(validate.errors?.map((error) => error.keyword)).toEqual(['format']);
      expect(validate({})).toBe(false);
    }
  });

  it('compiles again over a damaged cache file instead of failing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'validators-'));
    const compiled = { count: 0 };
    cachedStandaloneValidator(recipe(folder, compiled));
    for (const file of readdirSync(folder)) writeFileSync(join(folder, file), 'module.exports = ');
    const validate = cachedStandaloneValidator(recipe(folder, compiled));
    expect(compiled.count).toBe(2);
    expect(validate({ port: 'http' })).toBe(false);
  });

  it('still validates when the cache cannot be written', () => {
    const parent = mkdtempSync(join(tmpdir(), 'validators-'));
    const blocked = join(parent, 'file');
    writeFileSync(blocked, '');
    const validate = cachedStandaloneValidator(recipe(join(blocked, 'cache'), { count: 0 }));
    expect(validate({ port: 443 })).toBe(true);
    expect(existsSync(join(blocked, 'cache'))).toBe(false);
  });

  it('names the install a file belongs to', () => {
    const folder = mkdtempSync(join(tmpdir(), 'validators-'));
    mkdirSync(join(folder, 'node_modules', 'pkg'), { recursive: true });
    expect(installCacheDirectory(join(folder, 'node_modules', 'pkg', 'index.js'))).toBe(join(folder, 'node_modules', '.cache', 'validators'));
    expect(() => installCacheDirectory(join(folder, 'index.js'))).toThrow(/not inside a node_modules folder/);
  });
});
