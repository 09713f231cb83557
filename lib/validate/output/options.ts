import type { ValidationReport } from '../result';

/** What every formatter is told besides the report. */
export interface OutputOptions {
  /** Also list valid and skipped resources (kubeconform's -verbose). */
  readonly verbose: boolean;
  /** End text output with the summary line. */
  readonly summary: boolean;
}

/** Prints a report; never decides the exit code. */
export type Formatter = (report: ValidationReport, options: OutputOptions) => string;
