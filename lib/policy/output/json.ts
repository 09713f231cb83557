/** conftest's `json` output (`output/json.go`), byte for byte. */
import type { CheckResult, PolicyResult } from '../result';
import { goIndentedJson, sortedKeys } from './go-json';

/** Formats results as conftest's JSON array. */
export function formatJson(results: readonly CheckResult[]): string {
  return `${goIndentedJson(results.map(checkResultJson))}\n`;
}

// Field order and omitempty follow conftest's CheckResult struct.
function checkResultJson(result: CheckResult): Record<string, unknown> {
  const json: Record<string, unknown> = {
    filename: result.filename === '-' ? '' : result.filename,
    namespace: result.namespace,
    successes: result.successes,
  };
  if (result.skipped.length > 0) json.skipped = result.skipped.map(resultJson);
  if (result.warnings.length > 0) json.warnings = result.warnings.map(resultJson);
  if (result.failures.length > 0) json.failures = result.failures.map(resultJson);
  if (result.exceptions.length > 0) json.exceptions = result.exceptions.map(resultJson);
  return json;
}

function resultJson(result: PolicyResult): Record<string, unknown> {
  const json: Record<string, unknown> = { msg: result.msg };
  if (result.loc) {
    const loc: Record<string, unknown> = {};
    if (result.loc.file !== undefined) loc.file = result.loc.file;
    if (result.loc.line !== undefined) loc.line = result.loc.line;
    json.loc = loc;
  }
  if (result.metadata && Object.keys(result.metadata).length > 0) json.metadata = sortedKeys(result.metadata);
  return json;
}
