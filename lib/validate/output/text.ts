import { location, resourceId, type Finding, type ResourceResult, type ValidationSummary } from '../result';
import type { OutputFactory, OutputWriter } from './options';

/**
 * kubeconform's text output with lines: one line per problem,
 * `dist/app.yaml:12 - Deployment/video/web is invalid: /spec/replica: unknown field "replica"…`,
 * and with -summary kubeconform's summary line.
 */
export const textOutput: OutputFactory = (write, options): OutputWriter => ({
  file(_file, results) {
    const lines: string[] = [];
    for (const resource of results) lines.push(...resourceLines(resource, options.verbose));
    if (lines.length > 0) write(`${lines.join('\n')}\n`);
  },
  end(summary) {
    if (options.summary) write(`${summaryLine(summary, options.stdin === true)}\n`);
  },
});

function resourceLines(resource: ResourceResult, verbose: boolean): string[] {
  const id = resourceId(resource);
  const lines = resource.findings.map((finding) => `${location(resource.file, finding.line)} - ${subject(resource)}${verb(resource, finding)}: ${describe(finding)}`);
  if (verbose && resource.status === 'valid') lines.push(`${location(resource.file, resource.line)} - ${id} is valid`);
  if (verbose && resource.status === 'skipped') lines.push(`${location(resource.file, resource.line)} - ${id} skipped: ${resource.reason ?? ''}`);
  return lines;
}

/** The resource's id and a space; nothing when it has neither kind nor name (kubeconform then prints just the path). */
export function subject(resource: ResourceResult): string {
  return resource.kind === undefined && resource.name === undefined ? '' : `${resourceId(resource)} `;
}

function verb(resource: ResourceResult, finding: Finding): string {
  if (finding.severity === 'warning') return 'has a warning';
  return resource.status === 'error' ? 'failed validation' : 'is invalid';
}

/** A finding's path and message, as every line-oriented format prints it. */
export function describe(finding: Finding): string {
  return finding.path === '' ? finding.message : `${finding.path}: ${finding.message}`;
}

/**
 * kubeconform's summary line, word for word (a plural only above one):
 * `Summary: 3 resources found in 2 files - Valid: 1, Invalid: 1, Errors: 1, Skipped: 0`, or
 * `… found parsing stdin - …` for standard input.
 */
export function summaryLine(summary: ValidationSummary, stdin = false): string {
  const resources = `${summary.resources} resource${summary.resources > 1 ? 's' : ''}`;
  const where = stdin ? 'parsing stdin' : `in ${summary.files} file${summary.files > 1 ? 's' : ''}`;
  return `Summary: ${resources} found ${where} - Valid: ${summary.valid}, Invalid: ${summary.invalid}, Errors: ${summary.errors}, Skipped: ${summary.skipped}`;
}
