import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { environmentJsonSchema } from '../config/json-schema';

/** `npm run config:schema`: rewrites environments/environment.schema.json from the zod schema. */
const program = new Command('config:schema')
  .description('Write the JSON Schema of environment files (editor completion and checks), generated from the typed schema in lib/config.')
  .argument('[file]', 'where to write it', 'environments/environment.schema.json')
  .showHelpAfterError()
  .parse(process.argv);
const [target] = program.processedArgs as [string];
writeFileSync(target, environmentJsonSchema());
process.stdout.write(`config:schema: wrote ${target}\n`);
