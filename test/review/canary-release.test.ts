import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvironment } from '../../lib/config';
import { promote, promoteIdleColor, releaseImage, releaseState, rollback } from '../../lib/review/release';
import { setScalar } from '../../lib/review/yaml-edit';
import { changedLines, refusal } from './support';

// The reference staging environment: its api is released as a canary.
const STAGING = readFileSync(join(__dirname, '..', '..', 'environments', 'staging.yaml'), 'utf8');
const SOURCE = { file: 'environments/staging.yaml', environment: 'staging' };
const NEW_IMAGE = `registry.example.com/video-platform/api:9.9.9@sha256:${'d'.repeat(64)}`;
const initial = parseEnvironment(STAGING, SOURCE.file, SOURCE.environment);
const currentImage = initial.services.api.image as string;
const previousImage = initial.canary.api?.previousImage as string;


describe('releasing a canary service', () => {
  it('reference staging runs the api as a canary with a previous image', () => {
    expect(releaseState(STAGING, 'api', SOURCE)).toMatchObject({ strategy: 'canary', image: currentImage, canary: { previousImage, promoteFull: false } });
    expect(previousImage).not.toBe(currentImage);
  });

  it('release sets the Rollout image and records the replaced one, and nothing else', () => {
    const released = releaseImage(STAGING, 'api', NEW_IMAGE, SOURCE);
    expect(changedLines(STAGING, released)).toEqual([`image: ${NEW_IMAGE}`, `previousImage: ${currentImage}`]);
    expect(releaseState(released, 'api', SOURCE)).toMatchObject({ image: NEW_IMAGE, canary: { previousImage: currentImage, promoteFull: false } });
  });

  it('release after a full promotion turns the steps back on', () => {
    const promoted = promote(STAGING, 'api', SOURCE);
    const released = releaseImage(promoted, 'api', NEW_IMAGE, SOURCE);
    expect(changedLines(promoted, released).sort()).toEqual([`image: ${NEW_IMAGE}`, `previousImage: ${currentImage}`, 'promoteFull: false'].sort());
    expect(releaseState(released, 'api', SOURCE)).toMatchObject({ canary: { promoteFull: false } });
  });

  it('release refuses the image the Rollout already runs, and bad images', () => {
    expect(refusal(() => releaseImage(STAGING, 'api', currentImage, SOURCE))).toMatch(
      /^environments\/staging\.yaml:\d+:\d+: services\.api\.image: ".*" is already the image of the api Rollout; there is nothing to release; to go back to .* run npm run rollback -- staging api$/,
    );
    expect(refusal(() => releaseImage(STAGING, 'api', 'api:1.5', SOURCE))).toMatch(/^<image> "api:1\.5": must be an image reference/);
    expect(refusal(() => releaseImage(STAGING, 'api', 'docker.io/library/api:1.0.0', SOURCE))).toMatch(/imageRegistries: does not allow docker\.io\/library\/api:1\.0\.0/);
  });

  it('promote writes promoteFull: true (a one-line change)', () => {
    const promoted = promote(STAGING, 'api', SOURCE);
    expect(releaseState(promoted, 'api', SOURCE)).toMatchObject({ image: currentImage, canary: { promoteFull: true } });
    // The key was absent (default false): it is added to the api's canary entry, nothing else moves.
    expect(promoted.replace(/\n {4}promoteFull: true/, '')).toBe(STAGING);
  });

  it('promote refuses a release that is already promoted in full', () => {
    const promoted = promote(STAGING, 'api', SOURCE);
    expect(refusal(() => promote(promoted, 'api', SOURCE))).toMatch(/canary\.api\.promoteFull: is already true: .* there is nothing to promote/);
  });

  it('rollback returns the Rollout to previousImage and remembers the image it left', () => {
    const rolledBack = rollback(STAGING, 'api', SOURCE);
    expect(changedLines(STAGING, rolledBack)).toEqual([`image: ${previousImage}`, `previousImage: ${currentImage}`]);
    expect(rollback(rolledBack, 'api', SOURCE)).toBe(STAGING);
  });

  it('rollback refuses without a previous image, or when it is the current one', () => {
    const withoutPrevious = STAGING.replace(/\n {4}previousImage: .*/, '');
    expect(parseEnvironment(withoutPrevious, SOURCE.file, SOURCE.environment).canary.api?.previousImage).toBeUndefined();
    expect(refusal(() => rollback(withoutPrevious, 'api', SOURCE))).toMatch(/canary\.api: has no previousImage: nothing was released before the current image/);
    const same = setScalar(STAGING, ['canary', 'api', 'previousImage'], currentImage);
    expect(refusal(() => rollback(same, 'api', SOURCE))).toMatch(/canary\.api\.previousImage: is the current image/);
  });

  it('refuses the blue/green-only steps, and rolling services', () => {
    expect(refusal(() => promoteIdleColor(STAGING, 'api', SOURCE))).toMatch(/services\.api\.strategy: is canary, not blueGreen/);
    expect(refusal(() => promote(STAGING, 'worker', SOURCE))).toMatch(/"worker" is released by a rolling update \(strategy rolling\)/);
    expect(refusal(() => rollback(STAGING, 'billing', SOURCE))).toMatch(/services: has no service "billing"/);
  });
});
