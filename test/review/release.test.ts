import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, otherColor } from '../../lib/config';
import { blueGreenState, promoteIdleColor, releaseImage, rollbackActiveColor } from '../../lib/review/release';
import { setScalar } from '../../lib/review/yaml-edit';
import { changedLines, refusal } from './support';

// The reference production environment: its api runs blue/green with both colors released.
const PRODUCTION = readFileSync(join(__dirname, '..', '..', 'environments', 'production.yaml'), 'utf8');
const SOURCE = { file: 'environments/production.yaml', environment: 'production' };
const NEW_IMAGE = `registry.example.com/video-platform/api:9.9.9@sha256:${'c'.repeat(64)}`;
const initial = blueGreenState(PRODUCTION, 'api', SOURCE);
const active = initial.activeColor;
const idle = otherColor(active);


describe('releaseImage', () => {
  it('puts the image on the idle color and changes no other byte', () => {
    const released = releaseImage(PRODUCTION, 'api', NEW_IMAGE, SOURCE);
    expect(changedLines(PRODUCTION, released)).toEqual([`image: ${NEW_IMAGE}`]);
    const after = blueGreenState(released, 'api', SOURCE);
    expect(after[idle].image).toBe(NEW_IMAGE);
    expect(after[active]).toEqual(initial[active]);
    expect(after.activeColor).toBe(active);
  });

  it('keeps every comment of the file', () => {
    const comments = (text: string): string[] => text.split('\n').filter((line) => line.trim().startsWith('#'));
    expect(comments(PRODUCTION).length).toBeGreaterThan(0);
    expect(comments(releaseImage(PRODUCTION, 'api', NEW_IMAGE, SOURCE))).toEqual(comments(PRODUCTION));
  });

  it('warms an idle color that was scaled to zero, so the new version runs', () => {
    const cold = setScalar(PRODUCTION, ['blueGreen', 'api', 'idleColorScale'], 'zero');
    const released = releaseImage(cold, 'api', NEW_IMAGE, SOURCE);
    expect(changedLines(cold, released)).toEqual(['idleColorScale: warm', `image: ${NEW_IMAGE}`]);
  });

  it('adds the image to a color that never had one', () => {
    const withoutIdle = PRODUCTION.replace(`\n      image: ${initial[idle].image}`, ' {}');
    const cold = setScalar(withoutIdle, ['blueGreen', 'api', 'idleColorScale'], 'zero');
    expect(blueGreenState(cold, 'api', SOURCE)[idle].image).toBeUndefined();
    const released = releaseImage(cold, 'api', NEW_IMAGE, SOURCE);
    expect(blueGreenState(released, 'api', SOURCE)).toEqual({ ...initial, idleColorScale: 'warm', [idle]: { image: NEW_IMAGE } });
  });

  it('refuses an unknown service, naming the services there are', () => {
    expect(refusal(() => releaseImage(PRODUCTION, 'billing', NEW_IMAGE, SOURCE))).toMatch(
      /^environments\/production\.yaml:\d+:\d+: services: has no service "billing"; use one of api, /,
    );
  });

  it('refuses a service without blue/green', () => {
    expect(refusal(() => releaseImage(PRODUCTION, 'worker', NEW_IMAGE, SOURCE))).toMatch(
      /services\.worker: "worker" is released by a rolling update \(strategy rolling\), not blue\/green or canary; change services\.worker\.image instead \(blue\/green and canary services here: api\)/,
    );
  });

  it('refuses an invalid image reference', () => {
    expect(refusal(() => releaseImage(PRODUCTION, 'api', 'api:1.5', SOURCE))).toMatch(/^<image> "api:1\.5": must be an image reference with a registry and a tag/);
    expect(refusal(() => releaseImage(PRODUCTION, 'api', 'registry.example.com/video-platform/api:latest', SOURCE))).toContain('must not use the mutable tag "latest"');
  });

  it('refuses an image from a registry the environment does not pull from', () => {
    expect(refusal(() => releaseImage(PRODUCTION, 'api', 'docker.io/library/api:1.0', SOURCE))).toMatch(/imageRegistries: does not allow docker\.io\/library\/api:1\.0/);
  });

  it('refuses the image that is already active', () => {
    expect(refusal(() => releaseImage(PRODUCTION, 'api', initial[active].image as string, SOURCE))).toMatch(
      new RegExp(`blueGreen\\.api\\.${active}\\.image: ".*" already runs on the active color ${active}; there is nothing to release`),
    );
  });

  it('refuses the image already waiting on the warm idle color, pointing at promote', () => {
    expect(refusal(() => releaseImage(PRODUCTION, 'api', initial[idle].image as string, SOURCE))).toContain('npm run promote -- production api');
  });

  it('reports a file that is invalid before the edit as a configuration error', () => {
    expect(() => releaseImage(PRODUCTION.replace('name: production', 'name: prod'), 'api', NEW_IMAGE, SOURCE)).toThrow(ConfigError);
  });
});

describe('promoteIdleColor and rollbackActiveColor', () => {
  it('switches the active color and back, leaving the file as it was', () => {
    const promoted = promoteIdleColor(PRODUCTION, 'api', SOURCE);
    expect(changedLines(PRODUCTION, promoted)).toEqual([`activeColor: ${idle}`]);
    expect(rollbackActiveColor(promoted, 'api', SOURCE)).toBe(PRODUCTION);
  });

  it('refuses to switch to a color without an image', () => {
    const withoutIdle = setScalar(PRODUCTION.replace(`\n      image: ${initial[idle].image}`, ' {}'), ['blueGreen', 'api', 'idleColorScale'], 'zero');
    expect(refusal(() => promoteIdleColor(withoutIdle, 'api', SOURCE))).toMatch(
      new RegExp(`blueGreen\\.api\\.${idle}: has no image: nothing was ever released to ${idle}, so there is nothing to promote to; run npm run release -- production api <image> first`),
    );
  });

  it('refuses to switch to a color that runs no pods', () => {
    const cold = setScalar(PRODUCTION, ['blueGreen', 'api', 'idleColorScale'], 'zero');
    expect(refusal(() => rollbackActiveColor(cold, 'api', SOURCE))).toMatch(
      new RegExp(`blueGreen\\.api\\.idleColorScale: is "zero": ${idle} runs no pods, so switching traffic to it would drop every request`),
    );
  });

  it('refuses a service without blue/green', () => {
    expect(refusal(() => promoteIdleColor(PRODUCTION, 'web', SOURCE))).toContain('"web" is released by a rolling update (strategy rolling), not blue/green or canary');
  });
});
