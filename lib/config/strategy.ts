import type { ReleaseStrategy } from './canary-schema';
import type { EnvironmentConfig } from './environment-schema';

/**
 * The release strategy of a service: the one it states, else `blueGreen` when it has an entry under
 * `blueGreen` (files from before `strategy` existed), else `rolling`.
 */
export function strategyOf(environment: EnvironmentConfig, serviceName: string): ReleaseStrategy {
  const stated = Object.hasOwn(environment.services, serviceName) ? environment.services[serviceName].strategy : undefined;
  if (stated !== undefined) return stated;
  return Object.hasOwn(environment.blueGreen, serviceName) ? 'blueGreen' : 'rolling';
}
