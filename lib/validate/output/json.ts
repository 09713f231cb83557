import type { ResourceResult, ValidationReport } from '../result';
import type { OutputOptions } from './options';

/**
 * `{"resources": [...], "summary": {...}}` like kubeconform's JSON output: resources that are not
 * valid or carry warnings, or every resource with `verbose`; each with its findings and lines.
 */
export function formatJson(report: ValidationReport, options: OutputOptions): string {
  const resources = report.resources.filter((resource) => options.verbose || isNoteworthy(resource)).map(toJson);
  return `${JSON.stringify({ resources, summary: report.summary }, null, 2)}\n`;
}

function isNoteworthy(resource: ResourceResult): boolean {
  return resource.status === 'invalid' || resource.status === 'error' || resource.findings.length > 0;
}

/** Fixed key order, so output is stable whatever built the result. */
function toJson(resource: ResourceResult): Record<string, unknown> {
  return {
    file: resource.file,
    index: resource.index,
    line: resource.line,
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    namespace: resource.namespace,
    name: resource.name,
    status: resource.status,
    reason: resource.reason,
    findings: resource.findings.map((finding) => ({
      rule: finding.rule,
      severity: finding.severity,
      line: finding.line,
      path: finding.path,
      message: finding.message,
    })),
  };
}
