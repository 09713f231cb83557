import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import type { GeneratedValidator } from './field-tree';

/**
 * Bumped when the way cached validators are generated changes, so that old files are not reused.
 */
const FORMAT = 1;


/** What compiling one schema with ajv needs, and what the generated code needs when loaded again. */
export interface StandaloneRecipe {
  /** Identifies everything the generated code depends on (schemas, ajv and its options, formats). */
  readonly identity: readonly string[];
  /** Where the generated code is kept (see {@link installCacheDirectory}). */
  readonly cacheDirectory: string;
  /**
   * Where the generated code's own `require` calls (ajv's runtime helpers) resolve from: the file
   * of the package that owns the ajv instance.
   */
  readonly requireFrom: string;
  /**
   * The formats the generated code reads through its free variable `formats`. Ajv must be
   * created with `code: { source: true, formats: _\`formats\` }` so its code refers to them.
   */
  formats(): Record<string, unknown>;
  /** Compiles the schema; only called when no cached code exists. */
  compile(): { validate: GeneratedValidator; source: string };
}

/**
 * A validator compiled by ajv once and then loaded from generated code on later runs.
 *
 * Why: some schemas (a Rollout's embeds a whole pod template) take ajv more than half a second to
 * compile, on every run of `npm run check`; loading the same validator as standalone code takes a
 * few milliseconds. The cache is keyed by a hash of the recipe's identity, written under a private
 * name and renamed (concurrent runs never read half a file), and skipped when node_modules is not
 * writable.
 */
export function cachedStandaloneValidator(recipe: StandaloneRecipe): GeneratedValidator {
  const key = createHash('sha256').update(JSON.stringify([FORMAT, ...recipe.identity])).digest('hex').slice(0, 32);
  const directory = recipe.cacheDirectory;
  const file = path.join(directory, `${key}.js`);
  try {
    return load(fs.readFileSync(file, 'utf8'), recipe);
  } catch {
    // Not cached yet, or left unreadable by an interrupted or older run: compiled afresh below.
  }
  const compiled = recipe.compile();
  try {
    fs.mkdirSync(directory, { recursive: true });
    const temporary = `${file}.${process.pid}`;
    fs.writeFileSync(temporary, compiled.source);
    fs.renameSync(temporary, file);
  } catch {
    // A read-only install still validates; it only compiles again next time.
  }
  return compiled.validate;
}

/**
 * node_modules/.cache/validators of the install a file belongs to, beside the launch bundles: a
 * fresh install starts with an empty cache.
 */
export function installCacheDirectory(installedFile: string): string {
  const parts = installedFile.split(path.sep);
  const modules = parts.indexOf('node_modules');
  if (modules === -1) throw new Error(`${installedFile} is not inside a node_modules folder`);
  return path.join(parts.slice(0, modules + 1).join(path.sep), '.cache', 'validators');
}

function load(source: string, recipe: StandaloneRecipe): GeneratedValidator {
  const module = { exports: {} as { default?: GeneratedValidator } };
  // The generated code is a CommonJS module body with one free variable, `formats`.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- code that ajv generated from a schema
  new Function('module', 'exports', 'require', 'formats', source)(module, module.exports, createRequire(recipe.requireFrom), recipe.formats());
  const validate = module.exports.default;
  if (typeof validate !== 'function') throw new TypeError('the cached code does not export a validator');
  return validate;
}
