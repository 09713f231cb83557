/** One problem in an environment file, located as precisely as the YAML allows. */
export interface ConfigIssue {
  file: string;
  /** 1-based; 0 when the problem has no position (an empty file). */
  line: number;
  column: number;
  /** Dotted field path, e.g. services.api.resources.memory; empty for the document itself. */
  path: string;
  /** The offending value as written, when there is one. */
  value?: unknown;
  message: string;
}

/** Raised when environment files are invalid; its message lists every issue, one per line. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}

/** `file:line:col: path: value message`, the shape editors and terminals turn into links. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const field = issue.path === '' ? '' : `${issue.path}: `;
  const value = issue.value === undefined ? '' : `${JSON.stringify(issue.value)} `;
  return `${where}: ${field}${value}${issue.message}`;
}
