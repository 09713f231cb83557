import type { CanaryConfig } from '../config';
import { checkImage, command, type EnvironmentSource, type ReleaseTarget, validated } from './release-target';
import { setScalar } from './yaml-edit';

/**
 * The canary release flow as edits of an environment file's text, for a service with `strategy:
 * canary`. Argo Rollouts runs the steps and the analysis in the cluster; git holds only what it
 * documents as declarative:
 *
 * - release: the Rollout's pod template image is `services.<service>.image`; the image it replaces is
 *   kept in `canary.<service>.previousImage`, and the steps apply again (`promoteFull: false`).
 * - promote: `canary.<service>.promoteFull: true` writes the Rollout without steps and analysis,
 *   which Argo Rollouts documents as a plain rolling update: the new version takes all traffic.
 * - rollback: the image goes back to `previousImage`. Argo Rollouts documents that putting the pod
 *   template back to the previous version fully reverts (aborts) an update, and its rollback window
 *   skips steps and analysis for a recent revision, so the old version serves at once.
 */

/** The canary state of a service: the image its Rollout runs and its canary entry. */
export interface CanaryState {
  readonly strategy: 'canary';
  readonly image: string;
  readonly canary: CanaryConfig;
}

/** The canary state of the target's service (its strategy must be canary). */
export function canaryState(target: ReleaseTarget, service: string): CanaryState {
  return { strategy: 'canary', image: target.config.services[service].image as string, canary: target.config.canary[service] as CanaryConfig };
}

/**
 * Sets the Rollout's image to `image`, records the replaced image as `previousImage` and turns the
 * steps back on when the last release was promoted in full.
 * @throws ReleaseError for an invalid image, a registry the environment does not allow, or the image the Rollout already runs.
 */
export function releaseCanaryImage(text: string, target: ReleaseTarget, service: string, image: string, source: EnvironmentSource): string {
  checkImage(target, image);
  const { image: current, canary } = canaryState(target, service);
  if (current === image) {
    target.refuse(
      ['services', service, 'image'],
      `"${image}" is already the image of the ${service} Rollout`,
      `there is nothing to release; to go back to ${canary.previousImage ?? 'the previous image'}, run ${command('rollback', source, service)}`,
    );
  }
  let edited = setScalar(text, ['services', service, 'image'], image);
  edited = setScalar(edited, ['canary', service, 'previousImage'], current);
  if (canary.promoteFull) edited = setScalar(edited, ['canary', service, 'promoteFull'], false);
  return validated(edited, source);
}

/**
 * Promotes the current release in full: the Rollout loses its steps and background analysis.
 * @throws ReleaseError when the release is already promoted in full.
 */
export function promoteCanary(text: string, target: ReleaseTarget, service: string, source: EnvironmentSource): string {
  const { canary, image } = canaryState(target, service);
  if (canary.promoteFull) {
    target.refuse(
      ['canary', service, 'promoteFull'],
      `is already true: ${image} skips the steps and takes all traffic`,
      `there is nothing to promote; the next ${command('release', source, service)} <image> runs the steps again`,
    );
  }
  return validated(setScalar(text, ['canary', service, 'promoteFull'], true), source);
}

/**
 * Returns the Rollout to `previousImage`, which becomes the image rolled back from (rolling back
 * twice re-releases it, as blue/green's switch does).
 * @throws ReleaseError when there is no previous image, or it is the current one.
 */
export function rollbackCanary(text: string, target: ReleaseTarget, service: string, source: EnvironmentSource): string {
  const { canary, image } = canaryState(target, service);
  const previous = canary.previousImage;
  if (previous === undefined) {
    return target.refuse(
      ['canary', service],
      'has no previousImage: nothing was released before the current image, so there is nothing to roll back to',
      `release the version to return to with ${command('release', source, service)} <image>`,
    );
  }
  if (previous === image) {
    target.refuse(['canary', service, 'previousImage'], `is the current image "${image}"`, `there is nothing to roll back; release another version with ${command('release', source, service)} <image>`);
  }
  const edited = setScalar(setScalar(text, ['services', service, 'image'], previous), ['canary', service, 'previousImage'], image);
  return validated(edited, source);
}
