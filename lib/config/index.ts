/** Environment configuration: the schema, its types, and loading with located errors. */
export { colors, otherColor, type BlueGreenConfig, type Color } from './blue-green-schema';
export { defaultCanarySteps, releaseStrategies, type CanaryConfig, type CanaryStep, type ReleaseStrategy } from './canary-schema';
export * from './environment-schema';
export { ConfigError, formatIssue, type ConfigIssue } from './errors';
export { environmentFiles, loadEnvironment, loadEnvironments, parseEnvironment, type LoadedEnvironment } from './load';
export { egressTargets, type ApiAccess, type EgressTarget, type ServiceConfig } from './service-schema';
export { strategyOf } from './strategy';
