import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { crossFieldIssues } from './cross-checks';
import { environmentSchema, type EnvironmentConfig } from './environment-schema';
import { ConfigError, type ConfigIssue } from './errors';
import { locate } from './locate';

/** An environment's configuration with the file it came from. */
export interface LoadedEnvironment {
  file: string;
  config: EnvironmentConfig;
}

/** Environment files are `<name>.yaml`; other files in the folder (the JSON Schema, a README) are not environments. */
export function environmentFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => extname(name) === '.yaml' || extname(name) === '.yml')
    .sort()
    .map((name) => join(directory, name));
}

/** Loads and validates every environment in `directory`; all problems of all files are raised together. */
export function loadEnvironments(directory: string): LoadedEnvironment[] {
  const loaded: LoadedEnvironment[] = [];
  const issues: ConfigIssue[] = [];
  for (const file of environmentFiles(directory)) {
    try {
      loaded.push({ file, config: loadEnvironment(file) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  if (loaded.length === 0) {
    throw new ConfigError([{ file: directory, line: 0, column: 0, path: '', message: 'holds no environment files (<name>.yaml)' }]);
  }
  return loaded;
}

/** Loads one environment file; the environment's name must equal the file's base name. */
export function loadEnvironment(file: string): EnvironmentConfig {
  return parseEnvironment(readFileSync(file, 'utf8'), displayPath(file), basename(file, extname(file)));
}

/** Validates environment YAML text; `file` is used in messages only. */
export function parseEnvironment(text: string, file: string, expectedName: string): EnvironmentConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { file, line, column: col, path: '', message: `invalid YAML: ${error.message.split('\n')[0]}` };
      }),
    );
  }
  // reportInput: an invalid_type issue then tells a missing field from a value of the wrong type.
  const parsed = environmentSchema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.flatMap((issue) => schemaIssues(issue, doc, lines, file)));
  const crossIssues = crossFieldIssues(parsed.data, expectedName);
  if (crossIssues.length > 0) {
    throw new ConfigError(crossIssues.map((issue) => located(doc, lines, file, issue.path, issue.message)));
  }
  return parsed.data;
}

function schemaIssues(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter, file: string): ConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => located(doc, lines, file, [...issue.path, key], 'is not a known field; check its spelling and indentation', true));
  }
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return [located(doc, lines, file, issue.path, message)];
}

function located(doc: Document, lines: LineCounter, file: string, path: readonly PropertyKey[], message: string, atKey = false): ConfigIssue {
  const { line, column } = locate(doc, lines, path, atKey);
  const written = atKey ? undefined : doc.getIn(path as unknown[]);
  const value = written === undefined || typeof written === 'object' ? undefined : written;
  return { file, line, column, path: path.map(String).join('.'), value, message };
}

function displayPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere.startsWith('..') ? file : fromHere;
}
