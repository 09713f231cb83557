import type { ResourceResult, ResourceStatus } from '../result';
import { JsonResourceArray } from './json-stream';
import type { OutputFactory, OutputWriter } from './options';
import { describe } from './text';

/** kubeconform's status names; an empty document has none (kubeconform prints `""` for it with -verbose). */
const STATUS: Readonly<Record<ResourceStatus, string>> = {
  valid: 'statusValid',
  invalid: 'statusInvalid',
  error: 'statusError',
  skipped: 'statusSkipped',
  empty: '',
};

/**
 * kubeconform's `-output json`, field for field, so `jq` pipelines written for it keep working:
 * `{"resources": [{filename, kind, name, version, status, msg, validationErrors?}], "summary"?}`.
 * Lists invalid and error resources (all with -verbose); the summary only with -summary. Our own
 * findings with lines and rules are in `-output json-detailed`.
 */
export const jsonOutput: OutputFactory = (write, options): OutputWriter => {
  const resources = new JsonResourceArray(write);
  return {
    file(_file, results) {
      for (const result of results) if (options.verbose || result.status === 'invalid' || result.status === 'error') resources.add(toKubeconform(result));
    },
    end(summary) {
      const { valid, invalid, errors, skipped } = summary;
      resources.end(options.summary ? { summary: { valid, invalid, errors, skipped } } : {});
    },
  };
};

function toKubeconform(result: ResourceResult): Record<string, unknown> {
  const errors = result.findings.filter((finding) => finding.severity === 'error');
  const entry: Record<string, unknown> = {
    filename: result.file,
    kind: result.kind ?? '',
    name: result.name ?? '',
    version: result.apiVersion ?? '',
    status: STATUS[result.status],
    msg: errors.map(describe).join(' - '),
  };
  // kubeconform lists schema violations one by one; errors (the resource could not be checked) have only msg.
  if (result.status === 'invalid') entry.validationErrors = errors.map((finding) => ({ path: finding.path, msg: finding.message }));
  return entry;
}
