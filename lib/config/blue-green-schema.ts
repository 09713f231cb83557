import { z } from 'zod';
import { hostname, imageReference } from './formats';

/** The two colors of a blue/green service. */
export const colors = ['blue', 'green'] as const;
export type Color = (typeof colors)[number];

/** One color's deployment; the image is absent until something was released to it. */
export const colorSchema = z.strictObject({
  image: imageReference.optional(),
});

/**
 * Blue/green state of one service in one environment. `npm run release|promote|rollback` edit exactly
 * these fields, so their names are an interface.
 */
export const blueGreenSchema = z.strictObject({
  /** The color the service's main Service selects; the preview Service selects the other. */
  activeColor: z.enum(colors),
  /** warm: the idle color runs at the HPA minimum for instant rollback; zero: it runs no pods. */
  idleColorScale: z.enum(['warm', 'zero']).default('warm'),
  /** Host on which the idle color is reachable for smoke tests. */
  previewHost: hostname,
  blue: colorSchema.prefault({}),
  green: colorSchema.prefault({}),
});

export type BlueGreenConfig = z.infer<typeof blueGreenSchema>;

/** The color that is not `color`. */
export function otherColor(color: Color): Color {
  return color === 'blue' ? 'green' : 'blue';
}
