import { z } from 'zod';
import { environmentSchema } from './environment-schema';

/**
 * The JSON Schema of an environment file, for editors (completion and inline errors through the
 * `$schema` comment at the top of each file). Derived from the zod schema, so the two cannot drift.
 */
export function environmentJsonSchema(): string {
  const schema = z.toJSONSchema(environmentSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Environment configuration of the video platform' }, null, 2)}\n`;
}
