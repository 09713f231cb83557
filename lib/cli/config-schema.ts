import { writeFileSync } from 'node:fs';
import { environmentJsonSchema } from '../config/json-schema';

/** `npm run config:schema`: rewrites environments/environment.schema.json from the zod schema. */
const target = process.argv[2] ?? 'environments/environment.schema.json';
writeFileSync(target, environmentJsonSchema());
process.stdout.write(`config:schema: wrote ${target}\n`);
