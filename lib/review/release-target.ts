import { LineCounter, parseDocument } from 'yaml';
import { ConfigError, parseEnvironment, strategyOf, type EnvironmentConfig, type ReleaseStrategy } from '../config';
import { imageReference } from '../config/formats';
import { locate } from '../config/locate';

/**
 * What every release step shares: reading the environment file, finding the service and its release
 * strategy, refusing with a located message, and re-validating the edited text.
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

/** A service of a valid environment file, ready to be edited. */
export interface ReleaseTarget {
  readonly config: EnvironmentConfig;
  readonly strategy: ReleaseStrategy;
  /** Throws a ReleaseError located at `path` in the file. */
  refuse(path: readonly string[], what: string, todo: string): never;
}

/**
 * Reads `service` of the environment text; refuses an unknown service and one whose strategy has
 * no release steps (a rolling service is released by changing its image).
 * @throws ConfigError when the file is invalid before the edit.
 */
export function readTarget(text: string, service: string, source: EnvironmentSource): ReleaseTarget {
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
  const strategy = strategyOf(config, service);
  if (strategy === 'rolling') {
    const stepped = Object.keys(config.services).filter((name) => strategyOf(config, name) !== 'rolling').sort();
    const others = stepped.length === 0 ? `${source.environment} has no blue/green or canary service` : `blue/green and canary services here: ${stepped.join(', ')}`;
    refuse(['services', service], `"${service}" is released by a rolling update (strategy rolling), not blue/green or canary`, `change services.${service}.image instead (${others})`);
  }
  return { config, strategy, refuse };
}

/**
 * Refuses an image that is not a valid reference or comes from a registry the environment does not
 * allow: the file would be rejected, or the policies would fail it.
 */
export function checkImage(target: ReleaseTarget, image: string): void {
  const valid = imageReference.safeParse(image);
  if (!valid.success) {
    throw new ReleaseError(`<image> "${image}": ${valid.error.issues[0]?.message ?? 'is not a valid image reference'}`);
  }
  const { imageRegistries } = target.config;
  if (!imageRegistries.some((registry) => image.startsWith(`${registry.replace(/\/+$/, '')}/`))) {
    target.refuse(['imageRegistries'], `does not allow ${image}`, `release an image from ${[...imageRegistries].sort().join(', ')}, or add its registry here first`);
  }
}

/** Re-validates the edited text with lib/config: an edit must never produce a file the loader rejects. */
export function validated(edited: string, source: EnvironmentSource): string {
  try {
    parseEnvironment(edited, source.file, source.environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ReleaseError(`the edited ${source.file} would be invalid, so it was not written:\n${error.message}`);
  }
  return edited;
}

/** The npm command of a step, for the "what to do" part of messages. */
export function command(step: string, source: EnvironmentSource, service: string): string {
  return `npm run ${step} -- ${source.environment} ${service}`;
}
