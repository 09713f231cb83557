import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { otherColor } from '../../lib/config';
import { type BlueGreenStep } from '../../lib/cli/blue-green-step';
import { blueGreenState } from '../../lib/review/release';
import { readFolderSnapshot } from '../../lib/review/snapshot';
import { setScalar } from '../../lib/review/yaml-edit';
import { synthesize } from '../../lib/synth';
import { releaseStep, TempRepo } from './support';

const ENVIRONMENTS = join(__dirname, '..', '..', 'environments');
const NEW_IMAGE = `registry.example.com/video-platform/api:9.9.9@sha256:${'d'.repeat(64)}`;

/** A temporary git repository holding a copy of environments/ and its synthesized dist/, committed. */
function releaseRepo(): TempRepo {
  const repo = new TempRepo();
  repo.copyIn(ENVIRONMENTS, 'environments');
  synthesize(join(repo.root, 'environments'), join(repo.root, 'dist'));
  repo.commitAll('environments and dist');
  return repo;
}

/** A production resource of the repository's dist/, by kind and name. */
function productionResource(repo: TempRepo, kind: string, name: string): any {
  const resource = readFolderSnapshot(join(repo.root, 'dist')).environments.get('production')?.find((r) => r.identity.kind === kind && r.identity.name === name);
  if (resource === undefined) throw new Error(`dist/production has no ${kind} ${name}`);
  return resource.object;
}

function apiState(repo: TempRepo) {
  const file = join(repo.root, 'environments', 'production.yaml');
  return blueGreenState(readFileSync(file, 'utf8'), 'api', { file, environment: 'production' });
}

/** Every file of the repository's environments/ and dist/, as bytes. */
function files(repo: TempRepo): Map<string, string> {
  const all = new Map<string, string>();
  for (const folder of ['environments', 'dist']) {
    for (const entry of readdirSync(join(repo.root, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) all.set(join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name), 'latin1'));
    }
  }
  return all;
}

describe('release → promote → rollback', () => {
  let repo: TempRepo;
  beforeAll(() => (repo = releaseRepo()));
  afterAll(() => repo.remove());

  it('moves traffic to the released image and back, leaving the other color untouched', () => {
    const initial = apiState(repo);
    const active = initial.activeColor;
    const idle = otherColor(active);
    const apiImage = (color: string): string => productionResource(repo, 'Deployment', `api-${color}`).spec.template.spec.containers[0].image;
    const selected = (service: string): string => productionResource(repo, 'Service', service).spec.selector.color;

    const released = releaseStep(repo, 'release', 'production', 'api', NEW_IMAGE);
    expect(released.stderr).toBe('');
    expect(released.code).toBe(0);
    expect(released.stdout).toContain(`release: production api: idle color ${idle} now runs ${NEW_IMAGE}`);
    expect(released.stdout).toContain(`~ Deployment.apps video-app/api-${idle}`);
    expect(released.stdout).toContain(`+ ${NEW_IMAGE}`);
    expect(apiImage(idle)).toBe(NEW_IMAGE);
    expect(apiImage(active)).toBe(initial[active].image);
    expect([selected('api'), selected('api-preview')]).toEqual([active, idle]);
    repo.commitAll('release');

    const promoted = releaseStep(repo, 'promote', 'production', 'api');
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain(`spec.selector.color\n        - ${active}\n        + ${idle}`);
    expect([selected('api'), selected('api-preview')]).toEqual([idle, active]);
    expect(apiImage(active)).toBe(initial[active].image);
    repo.commitAll('promote');

    const rolledBack = releaseStep(repo, 'rollback', 'production', 'api');
    expect(rolledBack.code).toBe(0);
    expect([selected('api'), selected('api-preview')]).toEqual([active, idle]);
    expect(apiState(repo)).toEqual({ ...initial, [idle]: { image: NEW_IMAGE } });
    expect(apiImage(active)).toBe(initial[active].image);
  });
});

describe('refused steps', () => {
  let repo: TempRepo;
  let before: Map<string, string>;
  beforeAll(() => {
    repo = releaseRepo();
    before = files(repo);
  });
  afterAll(() => repo.remove());

  const cases: [string, BlueGreenStep, string[], string][] = [
    ['an unknown environment', 'release', ['qa', 'api', NEW_IMAGE], 'unknown environment "qa"'],
    ['an unknown service', 'promote', ['production', 'billing'], 'has no service "billing"'],
    ['a service without blue/green', 'rollback', ['production', 'worker'], '"worker" is released by a rolling update (strategy rolling), not blue/green or canary'],
    ['an invalid image reference', 'release', ['production', 'api', 'not an image'], '<image> "not an image": must be an image reference'],
  ];

  it.each(cases)('refuses %s with exit code 1 and changes no file', (_name, name, args, message) => {
    const result = releaseStep(repo, name, ...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${name}: refused, nothing changed: `);
    expect(result.stderr).toContain(message);
    expect(files(repo)).toEqual(before);
  });

  it('refuses the image that is already active and changes no file', () => {
    const result = releaseStep(repo, 'release', 'production', 'api', apiState(repo)[apiState(repo).activeColor].image as string);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already runs on the active color');
    expect(files(repo)).toEqual(before);
  });

  it('refuses to switch to a color that runs no pods or has no image, and changes no file', () => {
    const production = join(repo.root, 'environments', 'production.yaml');
    const original = readFileSync(production, 'utf8');
    const idle = otherColor(apiState(repo).activeColor);
    try {
      const cold = setScalar(original, ['blueGreen', 'api', 'idleColorScale'], 'zero');
      writeFileSync(production, cold);
      const coldFiles = files(repo);
      const toCold = releaseStep(repo, 'promote', 'production', 'api');
      expect([toCold.code, toCold.stderr]).toEqual([1, expect.stringContaining(`${idle} runs no pods`)]);
      expect(files(repo)).toEqual(coldFiles);

      writeFileSync(production, cold.replace(`\n      image: ${apiState(repo)[idle].image}`, ' {}'));
      const emptyFiles = files(repo);
      const toEmpty = releaseStep(repo, 'rollback', 'production', 'api');
      expect([toEmpty.code, toEmpty.stderr]).toEqual([1, expect.stringContaining(`nothing was ever released to ${idle}`)]);
      expect(files(repo)).toEqual(emptyFiles);
    } finally {
      writeFileSync(production, original);
    }
  });

  it('puts the environment file back when synthesis fails after the edit', () => {
    const development = join(repo.root, 'environments', 'development.yaml');
    const valid = readFileSync(development, 'utf8');
    writeFileSync(development, valid.replace(/^name: development$/m, 'name: not-development'));
    const broken = files(repo);
    try {
      const result = releaseStep(repo, 'release', 'production', 'api', NEW_IMAGE);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('synthesis failed after the edit, so');
      expect(result.stderr).toContain('must equal the file name "development"');
      expect(files(repo)).toEqual(broken);
    } finally {
      writeFileSync(development, valid);
    }
  });

  it('exits 2 when an argument is missing', () => {
    const result = releaseStep(repo, 'release', 'production', 'api');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing required argument 'image'");
  });
});
