import { otherColor } from './blue-green-schema';
import type { EnvironmentConfig } from './environment-schema';

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
    const isBlueGreen = name in config.blueGreen;
    if (isBlueGreen && service.image !== undefined) {
      issues.push({ path: ['services', name, 'image'], message: `must be absent: a blue/green service takes its images from blueGreen.${name}` });
    }
    if (!isBlueGreen && service.image === undefined) {
      issues.push({ path: ['services', name], message: 'needs an image (or an entry under blueGreen)' });
    }
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
