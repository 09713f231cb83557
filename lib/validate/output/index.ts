import { jsonOutput } from './json';
import { jsonDetailedOutput } from './json-detailed';
import { junitOutput } from './junit';
import { formatterOf, type Formatter, type OutputFactory } from './options';
import { prettyOutput } from './pretty';
import { sarifOutput } from './sarif';
import { tapOutput } from './tap';
import { textOutput } from './text';

export type { Formatter, OutputFactory, OutputOptions, OutputWriter } from './options';
export { summaryLine } from './text';

const OUTPUTS: Readonly<Record<string, OutputFactory>> = {
  json: jsonOutput,
  'json-detailed': jsonDetailedOutput,
  junit: junitOutput,
  pretty: prettyOutput,
  sarif: sarifOutput,
  tap: tapOutput,
  text: textOutput,
};

/** The output formats, sorted. */
export const OUTPUT_FORMATS: readonly string[] = Object.keys(OUTPUTS).sort();

/** An `--output` value that names no format. */
export class UnknownFormatError extends Error {
  constructor(format: string) {
    super(`unknown output format "${format}": use one of ${OUTPUT_FORMATS.join(', ')}`);
    this.name = 'UnknownFormatError';
  }
}

/** The streaming writer of a format; never falls back to another format. */
export function outputFor(format: string): OutputFactory {
  if (!Object.prototype.hasOwnProperty.call(OUTPUTS, format)) throw new UnknownFormatError(format);
  return OUTPUTS[format];
}

/** The formatter of a format, for a report held in memory (the gate's). */
export function formatterFor(format: string): Formatter {
  return formatterOf(outputFor(format));
}
