import { location, resourceId, type ResourceResult } from '../result';
import type { OutputFactory, OutputWriter } from './options';
import { describe, subject, summaryLine } from './text';

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/**
 * kubeconform's `pretty` output: the text output's lines with a coloured mark in front (✖ for
 * invalid and errors, ! for warnings, and with -verbose ✔ valid and - skipped).
 */
export const prettyOutput: OutputFactory = (write, options): OutputWriter => ({
  file(_file, results) {
    const lines = results.flatMap((resource) => resourceLines(resource, options.verbose));
    if (lines.length > 0) write(`${lines.join('\n')}\n`);
  },
  end(summary) {
    if (options.summary) write(`${summaryLine(summary, options.stdin === true)}\n`);
  },
});

function resourceLines(resource: ResourceResult, verbose: boolean): string[] {
  const id = resourceId(resource);
  const lines = resource.findings.map((finding) => {
    const where = location(resource.file, finding.line);
    if (finding.severity === 'warning') return `${YELLOW}!${RESET} ${where}: ${YELLOW}${subject(resource)}has a warning: ${describe(finding)}${RESET}`;
    const verb = resource.status === 'error' ? 'failed validation' : 'is invalid';
    return `${RED}✖${RESET} ${where}: ${RED}${subject(resource)}${verb}: ${describe(finding)}${RESET}`;
  });
  if (verbose && resource.status === 'valid') lines.push(`${GREEN}✔${RESET} ${location(resource.file, resource.line)}: ${GREEN}${id} is valid${RESET}`);
  if (verbose && resource.status === 'skipped') lines.push(`${YELLOW}-${RESET} ${location(resource.file, resource.line)}: ${YELLOW}${id} skipped${RESET}`);
  return lines;
}
