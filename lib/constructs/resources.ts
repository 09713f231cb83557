import type { ServiceConfig } from '../config';

/** Binary and decimal memory suffixes, largest first, so that rendering picks the largest exact unit. */
const binarySuffixes: readonly [string, bigint][] = [
  ['Ti', 1024n ** 4n],
  ['Gi', 1024n ** 3n],
  ['Mi', 1024n ** 2n],
  ['Ki', 1024n],
];
const decimalSuffixes: readonly [string, bigint][] = [
  ['T', 1000n ** 4n],
  ['G', 1000n ** 3n],
  ['M', 1000n ** 2n],
  ['k', 1000n],
];

/** Container resources: the configured limits, and requests of half of each. */
export interface ContainerResources {
  readonly limits: { readonly cpu: string; readonly memory: string };
  readonly requests: { readonly cpu: string; readonly memory: string };
}

/**
 * Requests are half the limits: the scheduler packs on the typical load while a pod may burst to
 * twice that, and the HPA's utilisation targets (relative to requests) fire before the limit bites.
 */
export function containerResources(resources: ServiceConfig['resources']): ContainerResources {
  return {
    limits: { cpu: resources.cpu, memory: resources.memory },
    requests: { cpu: halfCpu(resources.cpu), memory: halfMemory(resources.memory) },
  };
}

/**
 * Half of a CPU quantity, rounded up to the millicore Kubernetes can express:
 * `500m` → `250m`, `1` → `500m`, `2` → `1`, `0.5` → `250m`.
 */
export function halfCpu(quantity: string): string {
  const match = /^([0-9]+)m$|^([0-9]+)(?:\.([0-9]+))?$/.exec(quantity);
  if (!match) throw new Error(`"${quantity}" is not a CPU quantity such as 500m or 1`);
  const millicores = match[1] !== undefined ? BigInt(match[1]) : decimalToUnits(match[2], match[3] ?? '', 1000n);
  const half = (millicores + 1n) / 2n;
  return half % 1000n === 0n ? `${half / 1000n}` : `${half}m`;
}

/**
 * Half of a memory quantity, in the largest unit of the same family (binary or decimal) that
 * expresses it exactly: `1Gi` → `512Mi`, `512Mi` → `256Mi`, `1G` → `500M`, `1.5Gi` → `768Mi`.
 */
export function halfMemory(quantity: string): string {
  const match = /^([0-9]+)(?:\.([0-9]+))?(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!match) throw new Error(`"${quantity}" is not a memory quantity such as 512Mi or 1Gi`);
  const [, whole, fraction = '', suffix = ''] = match;
  const family = suffix.endsWith('i') ? binarySuffixes : decimalSuffixes;
  const multiplier = family.find(([name]) => name === suffix)?.[1] ?? 1n;
  const half = (decimalToUnits(whole, fraction, multiplier) + 1n) / 2n;
  const unit = family.find(([, size]) => half % size === 0n);
  return unit ? `${half / unit[1]}${unit[0]}` : `${half}`;
}

/** `whole.fraction × multiplier`, rounded up to a whole unit (Kubernetes rounds quantities up too). */
function decimalToUnits(whole: string, fraction: string, multiplier: bigint): bigint {
  const scale = 10n ** BigInt(fraction.length);
  const scaled = (BigInt(whole) * scale + BigInt(fraction || '0')) * multiplier;
  return (scaled + scale - 1n) / scale;
}
