import { LineCounter, parseDocument } from 'yaml';
import { ConfigError, otherColor, parseEnvironment, type BlueGreenConfig, type Color, type EnvironmentConfig } from '../config';
import { imageReference } from '../config/formats';
import { locate } from '../config/locate';
import { setScalar } from './yaml-edit';

/**
 * The blue/green release flow as edits of an environment file's text. Each step changes only the
 * values it is about (`blueGreen.<service>.<color>.image`, `idleColorScale`, `activeColor`), keeps
 * every other byte, and is refused with a {@link ReleaseError} when it makes no sense. The result is
 * validated with lib/config before it is returned, so a caller never writes an invalid file.
 *
 * The runbook: `release` puts the new image on the idle color (the preview host serves it for smoke
 * tests), `promote` makes the idle color active (the old one stays warm for instant rollback),
 * `rollback` switches back.
 */

/** The environment file being edited: its path for messages, its name (which the file must declare). */
export interface EnvironmentSource {
  readonly file: string;
  readonly environment: string;
}

/** A release step refused; the message says where, what and what to do. Nothing was changed. */
export class ReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseError';
  }
}

/**
 * Puts `image` on the idle color of `service`; an idle color at `idleColorScale: zero` is set to
 * `warm` so the new version runs and can be smoke-tested.
 * @throws ReleaseError for an unknown or non-blue/green service, an invalid image, an image from a
 * registry the environment does not allow, or an image that is already active (or already on the warm idle color).
 * @throws ConfigError when the file is invalid before the edit.
 */
export function releaseImage(text: string, service: string, image: string, source: EnvironmentSource): string {
  const target = readTarget(text, service, source);
  const { blueGreen, config } = target;
  const active = blueGreen.activeColor;
  const idle = otherColor(active);
  const valid = imageReference.safeParse(image);
  if (!valid.success) {
    throw new ReleaseError(`<image> "${image}": ${valid.error.issues[0]?.message ?? 'is not a valid image reference'}`);
  }
  if (!config.imageRegistries.some((registry) => image.startsWith(`${registry.replace(/\/+$/, '')}/`))) {
    target.refuse(['imageRegistries'], `does not allow ${image}`, `release an image from ${[...config.imageRegistries].sort().join(', ')}, or add its registry here first`);
  }
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

/**
 * Makes the idle color of `service` active: the `<service>` Service selects it, the preview Service
 * the previously active color.
 * @throws ReleaseError when the idle color has no image or runs no pods.
 */
export function promoteIdleColor(text: string, service: string, source: EnvironmentSource): string {
  return switchActiveColor(text, service, source, 'promote');
}

/**
 * Switches `service` back to the other color; the same edit as promotion, named for the runbook
 * step it serves (the previous version must still be there, warm).
 * @throws ReleaseError when the other color has no image or runs no pods.
 */
export function rollbackActiveColor(text: string, service: string, source: EnvironmentSource): string {
  return switchActiveColor(text, service, source, 'rollback');
}

/** The blue/green state of `service` in a valid environment text (what the CLIs report before and after). */
export function blueGreenState(text: string, service: string, source: EnvironmentSource): BlueGreenConfig {
  return readTarget(text, service, source).blueGreen;
}

function switchActiveColor(text: string, service: string, source: EnvironmentSource, step: 'promote' | 'rollback'): string {
  const target = readTarget(text, service, source);
  const { blueGreen } = target;
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

interface Target {
  config: EnvironmentConfig;
  blueGreen: BlueGreenConfig;
  /** Throws a ReleaseError located at `path` in the file. */
  refuse(path: readonly string[], what: string, todo: string): never;
}

function readTarget(text: string, service: string, source: EnvironmentSource): Target {
  const config = parseEnvironment(text, source.file, source.environment);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const refuse = (path: readonly string[], what: string, todo: string): never => {
    const { line, column } = locate(doc, lines, path);
    throw new ReleaseError(`${source.file}:${line}:${column}: ${path.join('.')}: ${what}; ${todo}`);
  };
  if (!Object.hasOwn(config.services, service)) {
    refuse(['services'], `has no service "${service}"`, `use one of ${Object.keys(config.services).sort().join(', ')}`);
  }
  if (!Object.hasOwn(config.blueGreen, service)) {
    const names = Object.keys(config.blueGreen).sort();
    const others = names.length === 0 ? `${source.environment} has no blue/green service` : `blue/green services here: ${names.join(', ')}`;
    refuse(['services', service], `"${service}" is not a blue/green service (there is no blueGreen.${service})`, `change services.${service}.image instead (${others})`);
  }
  return { config, blueGreen: config.blueGreen[service] as BlueGreenConfig, refuse };
}

/** Re-validates the edited text with lib/config: an edit must never produce a file the loader rejects. */
function validated(edited: string, source: EnvironmentSource): string {
  try {
    parseEnvironment(edited, source.file, source.environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ReleaseError(`the edited ${source.file} would be invalid, so it was not written:\n${error.message}`);
  }
  return edited;
}

function command(step: string, source: EnvironmentSource, service: string): string {
  return `npm run ${step} -- ${source.environment} ${service}`;
}
