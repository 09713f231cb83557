import type { FileResults, ResourceResult, ValidationReport, ValidationSummary } from '../result';

/** What every output format is told besides the results. */
export interface OutputOptions {
  /** Also list valid and skipped resources (kubeconform's -verbose). */
  readonly verbose: boolean;
  /** End with the summary (kubeconform's -summary). */
  readonly summary: boolean;
  /** The manifests came from standard input: the summary says `found parsing stdin`, as kubeconform's does. */
  readonly stdin?: boolean;
  /** The command's version, named by SARIF's tool driver. */
  readonly toolVersion?: string;
  /** Folder SARIF locations are relative to (the repository root); absolute paths are kept when outside it. */
  readonly sourceRoot?: string;
}

/**
 * Writes one run's results as they come: {@link file} once per file in order, then {@link end}.
 * Writers hold at most one file's results (JUnit's suite) and never decide the exit code.
 */
export interface OutputWriter {
  file(file: string, results: readonly ResourceResult[]): void;
  end(summary: ValidationSummary): void;
}

/** Makes a writer that sends its text to `write`. */
export type OutputFactory = (write: (text: string) => void, options: OutputOptions) => OutputWriter;

/** Prints a whole report held in memory; never decides the exit code. */
export type Formatter = (report: ValidationReport, options: OutputOptions) => string;

/** A formatter from a streaming writer: the report's files are written in order into one string. */
export function formatterOf(factory: OutputFactory): Formatter {
  return (report, options) => {
    const parts: string[] = [];
    const writer = factory((text) => parts.push(text), options);
    for (const { file, results } of report.byFile() as FileResults[]) writer.file(file, results);
    writer.end(report.summary);
    return parts.join('');
  };
}
