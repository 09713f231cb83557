import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A command-line tool a proof runs, and how a developer gets it. */
export interface ProofTool {
  /** The executable's name, looked up on PATH (or in `directories` first). */
  readonly command: string;
  /** Debian package(s) that bring it, for the message when it is missing. */
  readonly debianPackages: string;
  /** Folders searched before PATH (e.g. PostgreSQL's versioned bin folder, which is not on PATH). */
  readonly directories?: readonly string[];
}

/** The absolute path of `tool`, or undefined when it is not installed. */
export function findTool(tool: ProofTool): string | undefined {
  const folders = [...(tool.directories ?? []), ...(process.env.PATH ?? '').split(delimiter)];
  for (const folder of folders) {
    if (!folder) continue;
    const candidate = join(folder, tool.command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Whether the tests run in CI (`CI=true`), where a missing tool is a failure instead of a skip. */
export const inCi = (): boolean => process.env.CI === 'true';

/**
 * The tools among `tools` that are missing. In CI (`CI=true`) a missing tool throws, so that a
 * proof is never skipped there; locally the caller skips its tests and prints how to install them.
 */
export function missingTools(tools: readonly ProofTool[], proof: string): ProofTool[] {
  const missing = tools.filter((tool) => findTool(tool) === undefined);
  if (missing.length === 0) return [];
  const packages = [...new Set(missing.map((tool) => tool.debianPackages))].sort().join(' ');
  const message = `${proof}: ${missing.map((tool) => tool.command).join(', ')} not found; install with: sudo apt-get install -y --no-install-recommends ${packages}`;
  if (inCi()) throw new Error(`${message} (CI=true: .ci/run installs them, proofs are never skipped in CI)`);
  console.warn(`skipping ${message}`);
  return missing;
}

/** `describe` when every tool is there, `describe.skip` (with a message saying how to get them) otherwise. */
export function describeWithTools(tools: readonly ProofTool[], proof: string): jest.Describe {
  return missingTools(tools, proof).length === 0 ? describe : describe.skip;
}
