import { z } from 'zod';
import { imageReference } from './formats';

/** A Go duration as Argo Rollouts reads it: a number with s, m or h ("30s", "5m", "1h"). */
const duration = z.string().regex(/^[0-9]+(s|m|h)$/, 'must be a duration such as 30s, 5m or 1h');

/**
 * One canary step: send `weight` percent of the traffic to the new version, then wait `pause`
 * while the analysis watches it. A pause always has a duration: a canary never waits for a human.
 */
export const canaryStepSchema = z.strictObject({
  weight: z.number().int().min(1, 'must be a percentage from 1 to 99').max(99, 'must be a percentage from 1 to 99; reaching 100 is the end of the steps'),
  pause: duration.default('5m'),
});

/** 10% → 25% → 50%, five minutes each, then 100%. */
export const defaultCanarySteps = [
  { weight: 10, pause: '5m' },
  { weight: 25, pause: '5m' },
  { weight: 50, pause: '5m' },
];

/**
 * The analysis that runs in the background from the first step to the end: the error ratio and the
 * p95 latency of the canary's pods, against the environment's `monitoring` thresholds.
 */
export const canaryAnalysisSchema = z.strictObject({
  /** How often each query runs. */
  interval: duration.default('1m'),
  /** Failed measurements tolerated per metric; one more aborts the rollout. */
  failureLimit: z.number().int().min(0).max(10).default(1),
});

/**
 * Canary state and settings of one service in one environment. The version being rolled out is the
 * service's `image`; `npm run release|promote|rollback` edit `services.<service>.image`,
 * `previousImage` and `promoteFull`, so their names are an interface.
 */
export const canarySchema = z
  .strictObject({
    /** The image that was serving before the current release: what `npm run rollback` returns to. */
    previousImage: imageReference.optional(),
    /** Skip the remaining steps and analysis of the current release (written by `npm run promote`). */
    promoteFull: z.boolean().default(false),
    steps: z.array(canaryStepSchema).min(1, 'needs at least one step').default(defaultCanarySteps),
    analysis: canaryAnalysisSchema.prefault({}),
  })
  .superRefine((canary, context) => {
    canary.steps.forEach((step, index) => {
      const before = canary.steps[index - 1];
      if (before !== undefined && step.weight <= before.weight) {
        context.addIssue({ code: 'custom', path: ['steps', index, 'weight'], message: `must be greater than the previous step's weight (${before.weight}): traffic to the canary only grows` });
      }
    });
  });

export type CanaryConfig = z.infer<typeof canarySchema>;
export type CanaryStep = z.infer<typeof canaryStepSchema>;

/** How a service's new versions reach its users. */
export const releaseStrategies = ['rolling', 'blueGreen', 'canary'] as const;
export type ReleaseStrategy = (typeof releaseStrategies)[number];
