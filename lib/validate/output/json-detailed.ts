import type { ResourceResult } from '../result';
import { JsonResourceArray } from './json-stream';
import type { OutputFactory, OutputWriter } from './options';

/**
 * Our own JSON: resources that are not valid or carry warnings (every resource with -verbose), each
 * with its findings' rules, severities, lines and JSON paths, and the full summary.
 */
export const jsonDetailedOutput: OutputFactory = (write, options): OutputWriter => {
  const resources = new JsonResourceArray(write);
  return {
    file(_file, results) {
      for (const result of results) if (options.verbose || isNoteworthy(result)) resources.add(toJson(result));
    },
    end(summary) {
      resources.end({ summary });
    },
  };
};

function isNoteworthy(resource: ResourceResult): boolean {
  return resource.status === 'invalid' || resource.status === 'error' || resource.findings.length > 0;
}

/** Fixed key order, so output is stable whatever built the result. */
function toJson(resource: ResourceResult): Record<string, unknown> {
  return {
    file: resource.file,
    index: resource.index,
    item: resource.item,
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
