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
  /** 1-based line in the file. */
  readonly line: number;
  readonly message: string;
}

/** The outcome for one document. */
export interface ResourceResult {
  readonly file: string;
  /** 0-based document index in the file. */
  readonly index: number;
  /** 1-based line where the document starts. */
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

/** Counts shown in the summary line. `resources` excludes empty documents, as kubeconform does. */
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

/** The status findings give a resource: any error-effect finding wins, then invalid; warnings leave it valid. */
export function statusFromFindings(findings: readonly Finding[]): ResourceStatus {
  let status: ResourceStatus = 'valid';
  for (const finding of findings) {
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

/** Orders findings by line, then path, then rule, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || compareText(a.path, b.path) || compareText(a.rule, b.rule) || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every result of a run, sorted by file and document; owns the summary and the exit code. */
export class ValidationReport {
  readonly resources: readonly ResourceResult[];
  readonly files: readonly string[];

  constructor(resources: readonly ResourceResult[], files: ManifestSet['files']) {
    this.resources = [...resources].sort((a, b) => compareText(a.file, b.file) || a.index - b.index);
    this.files = [...files].sort();
  }

  get summary(): ValidationSummary {
    const count = (status: ResourceStatus): number => this.resources.filter((r) => r.status === status).length;
    const empty = count('empty');
    return {
      resources: this.resources.length - empty,
      files: this.files.length,
      valid: count('valid'),
      invalid: count('invalid'),
      errors: count('error'),
      skipped: count('skipped'),
      empty,
      warnings: this.resources.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0),
    };
  }

  /** 0 when nothing is invalid or in error (skipped, empty and warnings pass), else 1. */
  get exitCode(): 0 | 1 {
    return this.resources.some((r) => r.status === 'invalid' || r.status === 'error') ? 1 : 0;
  }
}
