import type { Color, EnvironmentConfig, ServiceConfig } from '../config';
import type { LabelIdentity } from './labels';

/**
 * The configuration of `serviceName`; throws an error naming the prop and the value when the
 * environment has no such service, since nothing can be built for it.
 */
export function serviceConfigOf(environment: EnvironmentConfig, serviceName: string): ServiceConfig {
  const service = Object.hasOwn(environment.services, serviceName) ? environment.services[serviceName] : undefined;
  if (service === undefined) {
    const known = Object.keys(environment.services).sort().join(', ');
    throw new Error(`serviceName "${serviceName}" names no service of environment "${environment.name}" (services: ${known})`);
  }
  return service;
}

/** Optional parts of a service object's identity. */
export interface IdentityDetails {
  /** The image tag of the pods the object belongs to. */
  readonly version?: string;
  readonly color?: Color;
}

/**
 * The label identity of an object of `serviceName`. Only objects tied to one image (a Deployment
 * and what scales or protects it) carry a version; Services, accounts and monitors outlive images.
 */
export function serviceIdentity(environment: EnvironmentConfig, serviceName: string, details: IdentityDetails = {}): LabelIdentity {
  return {
    name: serviceName,
    component: serviceConfigOf(environment, serviceName).component,
    partOf: environment.partOf,
    environment: environment.name,
    ...details,
  };
}
