/**
 * The configuration formats the runner reads, by name as conftest's `--parser` flag takes them:
 * by default a file's extension picks its parser; `--parser` makes every input use one.
 */
import * as path from 'node:path';

/** The parsers this runner has (conftest has more: hcl, toml, ini, dockerfile, …). */
export const PARSERS = ['json', 'yaml'] as const;

export type ParserName = (typeof PARSERS)[number];

/** A parser name that is not one of {@link PARSERS}. */
export class UnknownParserError extends Error {
  constructor(name: string, what = 'parser') {
    super(`unknown ${what} "${name}"; the supported parsers are ${PARSERS.join(', ')}`);
    this.name = 'UnknownParserError';
  }
}

/** Checks a parser name (`--parser`, the first operand of `parse_config`). @throws UnknownParserError */
export function parserName(name: string): ParserName {
  if (!(PARSERS as readonly string[]).includes(name)) throw new UnknownParserError(name);
  return name as ParserName;
}

/** The parser of a file by its extension, as conftest picks it (`.yml` is YAML). @throws UnknownParserError */
export function parserForFile(file: string): ParserName {
  const extension = path.extname(file).toLowerCase().slice(1);
  if (extension === 'yml' || extension === 'yaml') return 'yaml';
  if (extension === 'json') return 'json';
  throw new UnknownParserError(extension === '' ? file : `.${extension}`, 'file type');
}

/** Why strict JSON could not be read, and where when the parser says (Node gives an offset for some errors only). */
export interface JsonSyntaxError {
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Reads strict JSON, as conftest's JSON parser does (YAML-only syntax is an error). */
export function parseJson(text: string): { value: unknown } | { error: JsonSyntaxError } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    // One line: Node quotes the offending text, newlines included.
    const message = (error as Error).message.replace(/\n/g, '\\n');
    const match = /position (\d+)/.exec(message);
    if (!match) return { error: { message } };
    const before = text.slice(0, Number(match[1])).split('\n');
    return { error: { line: before.length, column: before[before.length - 1].length + 1, message } };
  }
}
