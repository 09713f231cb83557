import { otherColor, type BlueGreenConfig, type Color } from '../config';
import { canaryState, promoteCanary, releaseCanaryImage, rollbackCanary, type CanaryState } from './canary-release';
import { checkImage, command, readTarget, type EnvironmentSource, type ReleaseTarget, validated } from './release-target';
import { setScalar } from './yaml-edit';

export { ReleaseError, type EnvironmentSource } from './release-target';

/**
 * The release flow as edits of an environment file's text, for blue/green and canary services. Each
 * step changes only the values it is about, keeps every other byte, and is refused with a
 * {@link ReleaseError} when it makes no sense. The result is validated with lib/config before it is
 * returned, so a caller never writes an invalid file.
 *
 * Blue/green (`blueGreen.<service>.<color>.image`, `idleColorScale`, `activeColor`): `release` puts
 * the new image on the idle color (the preview host serves it for smoke tests), `promote` makes the
 * idle color active (the old one stays warm for instant rollback), `rollback` switches back.
 * Canary: see canary-release.ts.
 */

/** The release state of a service, as the CLIs report it before and after a step. */
export type ReleaseState = { readonly strategy: 'blueGreen'; readonly blueGreen: BlueGreenConfig } | CanaryState;

/**
 * Releases `image`: to the idle color of a blue/green service, or as the new version of a canary one.
 * @throws ReleaseError for an unknown service or one without blue/green or canary, an invalid image,
 * an image from a registry the environment does not allow, or an image that already runs.
 * @throws ConfigError when the file is invalid before the edit.
 */
export function releaseImage(text: string, service: string, image: string, source: EnvironmentSource): string {
  const target = readTarget(text, service, source);
  if (target.strategy === 'canary') return releaseCanaryImage(text, target, service, image, source);
  return releaseToIdleColor(text, target, service, image, source);
}

/**
 * Promotes the release of `service`: the idle color becomes active (blue/green), or the canary takes
 * all traffic without further steps (canary).
 * @throws ReleaseError when there is nothing to promote to.
 */
export function promote(text: string, service: string, source: EnvironmentSource): string {
  const target = readTarget(text, service, source);
  if (target.strategy === 'canary') return promoteCanary(text, target, service, source);
  return switchActiveColor(text, target, service, source, 'promote');
}

/**
 * Rolls `service` back: to the other color (blue/green), or to the previous image (canary).
 * @throws ReleaseError when there is nothing to roll back to.
 */
export function rollback(text: string, service: string, source: EnvironmentSource): string {
  const target = readTarget(text, service, source);
  if (target.strategy === 'canary') return rollbackCanary(text, target, service, source);
  return switchActiveColor(text, target, service, source, 'rollback');
}

/**
 * Makes the idle color of blue/green `service` active: the `<service>` Service selects it, the
 * preview Service the previously active color.
 * @throws ReleaseError when the service is not blue/green, or the idle color has no image or runs no pods.
 */
export function promoteIdleColor(text: string, service: string, source: EnvironmentSource): string {
  return switchActiveColor(text, blueGreenTarget(text, service, source), service, source, 'promote');
}

/**
 * Switches blue/green `service` back to the other color; the same edit as promotion, named for the
 * runbook step it serves (the previous version must still be there, warm).
 * @throws ReleaseError when the service is not blue/green, or the other color has no image or runs no pods.
 */
export function rollbackActiveColor(text: string, service: string, source: EnvironmentSource): string {
  return switchActiveColor(text, blueGreenTarget(text, service, source), service, source, 'rollback');
}

/** The blue/green state of `service` in a valid environment text. */
export function blueGreenState(text: string, service: string, source: EnvironmentSource): BlueGreenConfig {
  return blueGreenOf(blueGreenTarget(text, service, source), service);
}

/** The release state of a blue/green or canary `service` in a valid environment text. */
export function releaseState(text: string, service: string, source: EnvironmentSource): ReleaseState {
  const target = readTarget(text, service, source);
  if (target.strategy === 'canary') return canaryState(target, service);
  return { strategy: 'blueGreen', blueGreen: blueGreenOf(target, service) };
}

function releaseToIdleColor(text: string, target: ReleaseTarget, service: string, image: string, source: EnvironmentSource): string {
  const blueGreen = blueGreenOf(target, service);
  const active = blueGreen.activeColor;
  const idle = otherColor(active);
  checkImage(target, image);
  if (blueGreen[active].image === image) {
    target.refuse(
      ['blueGreen', service, active, 'image'],
      `"${image}" already runs on the active color ${active}`,
      'there is nothing to release; to return to the other color, run ' + command('rollback', source, service),
    );
  }
  if (blueGreen[idle].image === image && blueGreen.idleColorScale === 'warm') {
    target.refuse(
      ['blueGreen', service, idle, 'image'],
      `"${image}" is already released to the idle color ${idle}`,
      `smoke-test it on https://${blueGreen.previewHost}/ and run ${command('promote', source, service)}`,
    );
  }
  let edited = setScalar(text, ['blueGreen', service, idle, 'image'], image);
  if (blueGreen.idleColorScale === 'zero') edited = setScalar(edited, ['blueGreen', service, 'idleColorScale'], 'warm');
  return validated(edited, source);
}

function switchActiveColor(text: string, target: ReleaseTarget, service: string, source: EnvironmentSource, step: 'promote' | 'rollback'): string {
  const blueGreen = blueGreenOf(target, service);
  const to: Color = otherColor(blueGreen.activeColor);
  if (blueGreen[to].image === undefined) {
    target.refuse(
      ['blueGreen', service, to],
      `has no image: nothing was ever released to ${to}, so there is nothing to ${step} to`,
      `run ${command('release', source, service)} <image> first`,
    );
  }
  if (blueGreen.idleColorScale === 'zero') {
    target.refuse(
      ['blueGreen', service, 'idleColorScale'],
      `is "zero": ${to} runs no pods, so switching traffic to it would drop every request`,
      `set it to warm, wait until the ${to} pods are ready, then run ${command(step, source, service)} again`,
    );
  }
  return validated(setScalar(text, ['blueGreen', service, 'activeColor'], to), source);
}

/** Reads `service`, refusing one that is not blue/green. */
function blueGreenTarget(text: string, service: string, source: EnvironmentSource): ReleaseTarget {
  const target = readTarget(text, service, source);
  if (target.strategy !== 'blueGreen') {
    target.refuse(['services', service, 'strategy'], `is ${target.strategy}, not blueGreen`, `use the ${target.strategy} steps (npm run release|promote|rollback pick them by strategy)`);
  }
  return target;
}

function blueGreenOf(target: ReleaseTarget, service: string): BlueGreenConfig {
  return target.config.blueGreen[service] as BlueGreenConfig;
}
