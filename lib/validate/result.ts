import type { ManifestSet } from '../manifest';
import { RULES, type RuleId } from './rules';

/** kubeconform's five outcomes for a resource. */
export type ResourceStatus = 'valid' | 'invalid' | 'error' | 'skipped' | 'empty';

/** One problem found in a resource. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: 'error' | 'warning';
  /** JSON pointer to the field, `''` for the whole document. */
  readonly path: string;
  /** 1-based line in the file; 0 when the problem is the path itself (it cannot be read). */
  readonly line: number;
  readonly message: string;
}

/** The outcome for one document. */
export interface ResourceResult {
  /** The file as named to the command, `stdin` for standard input. */
  readonly file: string;
  /** 0-based document index in the file. */
  readonly index: number;
  /** For an item of a `kind: List` document: its 0-based index in `items`. */
  readonly item?: number;
  /** 1-based line where the document starts; 0 for a path that cannot be read. */
  readonly line: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly status: ResourceStatus;
  /** Why the resource was skipped, for `skipped`. */
  readonly reason?: string;
  /** Sorted by line, then path, then rule. */
  readonly findings: readonly Finding[];
}

/** Counts shown in the summary line. `resources` excludes empty documents, as kubeconform does; `files` counts every path read or tried. */
export interface ValidationSummary {
  readonly resources: number;
  readonly files: number;
  readonly valid: number;
  readonly invalid: number;
  readonly errors: number;
  readonly skipped: number;
  readonly empty: number;
  readonly warnings: number;
}

/**
 * The status findings give a resource: any error-effect finding wins, then invalid; warnings (and
 * findings a setting turned into warnings, such as a duplicate key without --strict) leave it valid.
 */
export function statusFromFindings(findings: readonly Finding[]): ResourceStatus {
  let status: ResourceStatus = 'valid';
  for (const finding of findings) {
    if (finding.severity === 'warning') continue;
    const effect = RULES[finding.rule].effect;
    if (effect === 'error') return 'error';
    if (effect === 'invalid') status = 'invalid';
  }
  return status;
}

/** `Deployment/video/web`, `Namespace/video`, with placeholders for what is missing. */
export function resourceId(result: Pick<ResourceResult, 'kind' | 'namespace' | 'name'>): string {
  const parts = [result.kind ?? '(no kind)'];
  if (result.namespace !== undefined) parts.push(result.namespace);
  parts.push(result.name ?? '(no name)');
  return parts.join('/');
}

/** `file:line`, or the file alone when there is no line. */
export function location(file: string, line: number): string {
  return line > 0 ? `${file}:${line}` : file;
}

/** Orders findings by line, then path, then rule, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || compareText(a.path, b.path) || compareText(a.rule, b.rule) || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts results as they stream by, so a run never needs to hold them all; owns the exit code. */
export class SummaryCounter {
  private readonly counts = { valid: 0, invalid: 0, error: 0, skipped: 0, empty: 0 };
  private warnings = 0;
  private files = 0;

  /** Counts one file and its results. */
  addFile(results: readonly ResourceResult[]): void {
    this.files++;
    for (const result of results) {
      this.counts[result.status]++;
      for (const finding of result.findings) if (finding.severity === 'warning') this.warnings++;
    }
  }

  get summary(): ValidationSummary {
    const { valid, invalid, error, skipped, empty } = this.counts;
    return { resources: valid + invalid + error + skipped, files: this.files, valid, invalid, errors: error, skipped, empty, warnings: this.warnings };
  }

  /** 0 when nothing is invalid or in error (skipped, empty and warnings pass), else 1. */
  get exitCode(): 0 | 1 {
    return this.counts.invalid > 0 || this.counts.error > 0 ? 1 : 0;
  }
}

/** Every result of a run held in memory, sorted by file and document; for callers that want them all (the gate). */
export class ValidationReport {
  readonly resources: readonly ResourceResult[];
  readonly files: readonly string[];

  constructor(resources: readonly ResourceResult[], files: ManifestSet['files']) {
    this.resources = [...resources].sort((a, b) => compareText(a.file, b.file) || a.index - b.index);
    this.files = [...files].sort();
  }

  get summary(): ValidationSummary {
    return this.counter().summary;
  }

  /** 0 when nothing is invalid or in error (skipped, empty and warnings pass), else 1. */
  get exitCode(): 0 | 1 {
    return this.counter().exitCode;
  }

  /** The results grouped by file, in file order (files without results included), as a stream would give them. */
  byFile(): FileResults[] {
    const grouped = new Map<string, ResourceResult[]>(this.files.map((file) => [file, []]));
    for (const resource of this.resources) {
      const group = grouped.get(resource.file);
      if (group) group.push(resource);
      else grouped.set(resource.file, [resource]);
    }
    return [...grouped].sort(([a], [b]) => compareText(a, b)).map(([file, results]) => ({ file, results }));
  }

  private counter(): SummaryCounter {
    const counter = new SummaryCounter();
    for (const { results } of this.byFile()) counter.addFile(results);
    return counter;
  }
}

/** Every result of one file, in document order: the unit in which results stream. */
export interface FileResults {
  readonly file: string;
  readonly results: readonly ResourceResult[];
}
