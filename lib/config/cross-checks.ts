import { otherColor } from './blue-green-schema';
import type { EnvironmentConfig } from './environment-schema';
import { strategyOf } from './strategy';

/** The backup CronJobs' pods carry this name; a service of the same name would share their selectors. */
const reservedServiceName = 'backup';

/** A rule broken across fields, which a per-field schema cannot see. */
export interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Checks that relate fields to each other: blue/green entries name real services, every running
 * color has an image, and so on. `expectedName` is the environment's file name without extension.
 */
export function crossFieldIssues(config: EnvironmentConfig, expectedName: string): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  if (config.name !== expectedName) {
    issues.push({ path: ['name'], message: `must equal the file name "${expectedName}"` });
  }
  for (const service of Object.keys(config.canary)) {
    if (!(service in config.services)) {
      const known = Object.keys(config.services).sort().join(', ');
      issues.push({ path: ['canary', service], message: `names no service of this environment (services: ${known})` });
    }
  }
  for (const [service, blueGreen] of Object.entries(config.blueGreen)) {
    if (!(service in config.services)) {
      const known = Object.keys(config.services).sort().join(', ');
      issues.push({ path: ['blueGreen', service], message: `names no service of this environment (services: ${known})` });
      continue;
    }
    const active = blueGreen.activeColor;
    if (blueGreen[active].image === undefined) {
      issues.push({ path: ['blueGreen', service, active, 'image'], message: `is required: the active color "${active}" has no image` });
    }
    const idle = otherColor(active);
    if (blueGreen.idleColorScale === 'warm' && blueGreen[idle].image === undefined) {
      issues.push({
        path: ['blueGreen', service, 'idleColorScale'],
        message: `is "warm" but the idle color "${idle}" has no image; set it to "zero" or release an image to ${idle}`,
      });
    }
  }
  for (const [name, service] of Object.entries(config.services)) {
    if (name === reservedServiceName) {
      issues.push({ path: ['services', name], message: `is reserved for the backup jobs; choose another service name` });
    }
    issues.push(...strategyIssues(config, name));
    if (service.ingressPath !== undefined && service.port === undefined) {
      issues.push({ path: ['services', name, 'ingressPath'], message: 'needs a port to route to' });
    }
    if (service.preStopSleepSeconds >= service.terminationGracePeriodSeconds) {
      issues.push({
        path: ['services', name, 'preStopSleepSeconds'],
        message: `must be shorter than terminationGracePeriodSeconds (${service.terminationGracePeriodSeconds})`,
      });
    }
  }
  return issues;
}

/**
 * A service's strategy and its settings agree: a blue/green service has a `blueGreen` entry and no
 * `image`, a canary service a `canary` entry and an `image`, a rolling one an `image` and neither entry.
 */
function strategyIssues(config: EnvironmentConfig, name: string): CrossFieldIssue[] {
  const service = config.services[name];
  const strategy = strategyOf(config, name);
  const hasBlueGreen = Object.hasOwn(config.blueGreen, name);
  const hasCanary = Object.hasOwn(config.canary, name);
  const issues: CrossFieldIssue[] = [];
  if (hasBlueGreen && hasCanary) {
    issues.push({ path: ['canary', name], message: `conflicts with blueGreen.${name}: a service has one release strategy; keep the entry of services.${name}.strategy and delete the other` });
    return issues;
  }
  const strategyPath = service.strategy === undefined ? ['services', name] : ['services', name, 'strategy'];
  if (strategy === 'blueGreen' && !hasBlueGreen) {
    issues.push({ path: strategyPath, message: `is blueGreen but there is no blueGreen.${name}; add it (activeColor, previewHost, the colors' images)` });
  }
  if (strategy === 'canary' && !hasCanary) {
    issues.push({ path: strategyPath, message: `is canary but there is no canary.${name}; add it (\`canary: { ${name}: {} }\` takes the default steps and analysis)` });
  }
  if (strategy !== 'blueGreen' && hasBlueGreen) {
    issues.push({ path: ['blueGreen', name], message: `applies only to strategy blueGreen, but services.${name}.strategy is ${strategy}; set strategy: blueGreen or delete this entry` });
  }
  if (strategy !== 'canary' && hasCanary) {
    issues.push({ path: ['canary', name], message: `applies only to strategy canary, but services.${name}.strategy is ${strategy}; set strategy: canary or delete this entry` });
  }
  if (strategy === 'blueGreen' && service.image !== undefined) {
    issues.push({ path: ['services', name, 'image'], message: `must be absent: a blue/green service takes its images from blueGreen.${name}` });
  }
  if (strategy !== 'blueGreen' && service.image === undefined) {
    issues.push({ path: ['services', name], message: `needs an image (strategy ${strategy}), or strategy blueGreen with an entry under blueGreen` });
  }
  if (strategy === 'canary' && service.port === undefined) {
    issues.push({ path: ['services', name, 'strategy'], message: 'is canary, which shifts HTTP traffic through the Ingress; a service without a port cannot run one (use rolling)' });
  }
  if (strategy === 'canary' && service.ingressPath === undefined) {
    issues.push({ path: ['services', name, 'strategy'], message: 'is canary, which splits traffic at the Ingress; give the service an ingressPath (or use rolling)' });
  }
  return issues;
}
