import { formatJson } from './json';
import { formatJunit } from './junit';
import type { Formatter } from './options';
import { formatSarif } from './sarif';
import { formatTap } from './tap';
import { formatText } from './text';

export type { Formatter, OutputOptions } from './options';
export { summaryLine } from './text';

const FORMATTERS: Readonly<Record<string, Formatter>> = {
  json: formatJson,
  junit: formatJunit,
  sarif: formatSarif,
  tap: formatTap,
  text: formatText,
};

/** The output formats, sorted. */
export const OUTPUT_FORMATS: readonly string[] = Object.keys(FORMATTERS).sort();

/** An `--output` value that names no format. */
export class UnknownFormatError extends Error {
  constructor(format: string) {
    super(`unknown output format "${format}": use one of ${OUTPUT_FORMATS.join(', ')}`);
    this.name = 'UnknownFormatError';
  }
}

/** The formatter for a format name; never falls back to another format. */
export function formatterFor(format: string): Formatter {
  if (!Object.prototype.hasOwnProperty.call(FORMATTERS, format)) throw new UnknownFormatError(format);
  return FORMATTERS[format];
}
