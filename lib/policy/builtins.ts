/**
 * conftest's own Rego builtins, which read configuration files: `parse_config(parser, text)`,
 * `parse_config_file(path)` and `parse_combined_config_files(paths)`. File paths are relative to
 * the folder of the policy that calls them, as in conftest. They are given to the engine for the
 * policy runner only (`lib/rego` has no file access).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CustomBuiltin, Location } from '../rego';
import { combineInputs, parseInput } from './inputs';
import { parserForFile, parserName, type ParserName } from './parsers';

/** The three builtins, for `compile(…, { builtins })`. */
export const CONFTEST_BUILTINS: readonly CustomBuiltin[] = [
  { name: 'parse_config', args: ['string', 'string'], fn: ([parser, text]) => parseConfig(parserName(parser as string), '-', text as string) },
  { name: 'parse_config_file', args: ['string'], fn: ([file], location) => parseConfigFile(besidePolicy(file as string, location)) },
  {
    name: 'parse_combined_config_files',
    args: [{ arrayOf: 'string' }],
    fn: ([files], location) => combineInputs((files as string[]).map((file) => readConfig(besidePolicy(file, location)))),
  },
];

/** A file named by a policy: relative to the policy's own folder (as conftest resolves it). */
function besidePolicy(file: string, location: Location | undefined): string {
  return location ? path.join(path.dirname(location.file), file) : file;
}

/** One configuration as conftest unmarshals it: a single document that is an object. */
function parseConfig(parser: ParserName, file: string, text: string): Record<string, unknown> {
  const { documents } = parseInput(file, text, parser);
  const [document] = documents;
  if (documents.length !== 1 || document === null || typeof document !== 'object' || Array.isArray(document)) {
    const found = documents.length !== 1 ? `${documents.length} documents` : Array.isArray(document) ? 'an array' : JSON.stringify(document);
    throw new Error(`unmarshal config: ${file}: expected one object, found ${found}`);
  }
  return document as Record<string, unknown>;
}

function parseConfigFile(file: string): Record<string, unknown> {
  return parseConfig(parserForFile(file), file, readText(file));
}

function readConfig(file: string): ReturnType<typeof parseInput> {
  return parseInput(file, readText(file), parserForFile(file));
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
