import { resourceId, type Finding, type ResourceResult, type ValidationReport, type ValidationSummary } from '../result';
import type { OutputOptions } from './options';

/**
 * kubeconform's text output, one line per problem with the line it is on:
 * `dist/app.yaml:12 - Deployment/video/web is invalid: /spec/replica: unknown field "replica"…`,
 * ending with kubeconform's summary line.
 */
export function formatText(report: ValidationReport, options: OutputOptions): string {
  const lines: string[] = [];
  for (const resource of report.resources) lines.push(...resourceLines(resource, options.verbose));
  if (options.summary) lines.push(summaryLine(report.summary));
  return lines.map((line) => `${line}\n`).join('');
}

function resourceLines(resource: ResourceResult, verbose: boolean): string[] {
  const id = resourceId(resource);
  const lines = resource.findings.map((finding) => `${resource.file}:${finding.line} - ${id} ${verb(resource, finding)}: ${describe(finding)}`);
  if (verbose && resource.status === 'valid') lines.push(`${resource.file}:${resource.line} - ${id} is valid`);
  if (verbose && resource.status === 'skipped') lines.push(`${resource.file}:${resource.line} - ${id} skipped: ${resource.reason ?? ''}`);
  return lines;
}

function verb(resource: ResourceResult, finding: Finding): string {
  if (finding.severity === 'warning') return 'has a warning';
  return resource.status === 'error' ? 'failed validation' : 'is invalid';
}

function describe(finding: Finding): string {
  return finding.path === '' ? finding.message : `${finding.path}: ${finding.message}`;
}

/** `Summary: 3 resources found in 2 files - Valid: 1, Invalid: 1, Errors: 1, Skipped: 0` */
export function summaryLine(summary: ValidationSummary): string {
  const resources = `${summary.resources} resource${summary.resources === 1 ? '' : 's'}`;
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'}`;
  return `Summary: ${resources} found in ${files} - Valid: ${summary.valid}, Invalid: ${summary.invalid}, Errors: ${summary.errors}, Skipped: ${summary.skipped}`;
}
