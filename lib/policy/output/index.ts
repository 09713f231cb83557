/** The output formats of `npm run policy`, behind one factory that rejects unknown names. */
import type { CheckResult } from '../result';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStdout } from './stdout';
import { formatTable } from './table';
import { formatTap } from './tap';

/** Every output format, as conftest names them. */
export const OUTPUT_FORMATS = ['stdout', 'json', 'tap', 'table', 'junit', 'github', 'sarif'] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Options that some formats honour. */
export interface OutputOptions {
  /** Colour the `stdout` format. @default false */
  readonly color?: boolean;
  /** Leave exceptions out of the `stdout` format (`--suppress-exceptions`). */
  readonly suppressExceptions?: boolean;
  /** Count skipped results in the `stdout` summary (verify). */
  readonly showSkipped?: boolean;
  /** Name `junit` test cases without their message (`--junit-hide-message`). */
  readonly junitHideMessage?: boolean;
}

/** A format name that is not one of {@link OUTPUT_FORMATS}. */
export class UnknownOutputFormatError extends Error {
  constructor(format: string) {
    super(`unknown output format "${format}"; use one of ${OUTPUT_FORMATS.join(', ')}`);
    this.name = 'UnknownOutputFormatError';
  }
}

/** Checks a format name. @throws UnknownOutputFormatError */
export function outputFormat(name: string): OutputFormat {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(name)) throw new UnknownOutputFormatError(name);
  return name as OutputFormat;
}

/** The formatter of a format: results in, text out (formatters never decide the exit code). */
export function formatter(format: OutputFormat, options: OutputOptions = {}): (results: readonly CheckResult[]) => string {
  switch (format) {
    case 'stdout':
      return (results) => formatStdout(results, options);
    case 'json':
      return formatJson;
    case 'tap':
      return formatTap;
    case 'table':
      return formatTable;
    case 'junit':
      return (results) => formatJunit(results, { hideMessage: options.junitHideMessage });
    case 'github':
      return formatGithub;
    case 'sarif':
      return formatSarif;
  }
}
