import { join } from 'node:path';
import { readFolderSnapshot } from '../../lib/review/snapshot';
import { synthesize } from '../../lib/synth';
import { releaseStep, TempRepo } from './support';

const ENVIRONMENTS = join(__dirname, '..', '..', 'environments');
const NEW_IMAGE = `registry.example.com/video-platform/api:9.9.9@sha256:${'e'.repeat(64)}`;

/** The staging Rollout of the api in the repository's dist/. */
function rollout(repo: TempRepo): any {
  const resource = readFolderSnapshot(join(repo.root, 'dist')).environments.get('staging')?.find((r) => r.identity.kind === 'Rollout' && r.identity.name === 'api');
  if (resource === undefined) throw new Error('dist/staging has no Rollout api');
  return resource.object;
}

describe('canary release → promote → rollback through the CLI', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.copyIn(ENVIRONMENTS, 'environments');
    synthesize(join(repo.root, 'environments'), join(repo.root, 'dist'));
    repo.commitAll('environments and dist');
  });
  afterAll(() => repo.remove());

  it('edits the Rollout image, then its steps, then returns to the previous image', () => {
    const image = (): string => rollout(repo).spec.template.spec.containers[0].image;
    const initialImage = image();
    expect(rollout(repo).spec.strategy.canary.steps).toHaveLength(6);

    const released = releaseStep(repo, 'release', 'staging', 'api', NEW_IMAGE);
    expect(released.stderr).toBe('');
    expect(released.code).toBe(0);
    expect(released.stdout).toContain(`release: staging api: the Rollout now rolls out ${NEW_IMAGE} by its steps (was ${initialImage})`);
    expect(released.stdout).toContain('~ Rollout.argoproj.io video-app-staging/api');
    expect(image()).toBe(NEW_IMAGE);
    expect(rollout(repo).spec.strategy.canary.analysis.templates).toEqual([{ templateName: 'api-canary' }]);
    repo.commitAll('release');

    const promoted = releaseStep(repo, 'promote', 'staging', 'api');
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain(`${NEW_IMAGE} is promoted in full`);
    expect(rollout(repo).spec.strategy.canary.steps).toBeUndefined();
    expect(rollout(repo).spec.strategy.canary.analysis).toBeUndefined();
    expect(image()).toBe(NEW_IMAGE);
    repo.commitAll('promote');

    const rolledBack = releaseStep(repo, 'rollback', 'staging', 'api');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain(`the Rollout returns to ${initialImage} (from ${NEW_IMAGE})`);
    expect(image()).toBe(initialImage);
  });

  // After the flow above the api is still promoted in full (rollback changes only the image).
  it('refuses with exit code 1 and names the field: promoting twice', () => {
    const refused = releaseStep(repo, 'promote', 'staging', 'api');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^promote: refused, nothing changed: .*staging\.yaml:\d+:\d+: canary\.api\.promoteFull: is already true/);
  });
});
