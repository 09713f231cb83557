/**
 * conftest's `--capabilities`: an OPA capabilities JSON file (`opa capabilities --current` writes
 * one) whose `builtins` list is the only builtins the policies may call.
 */
import * as fs from 'node:fs';

/** A capabilities file that cannot be read or has no `builtins` list. */
export class CapabilitiesError extends Error {
  constructor(file: string, reason: string) {
    super(`--capabilities ${file}: ${reason}`);
    this.name = 'CapabilitiesError';
  }
}

/** The builtin names a capabilities file allows, sorted. @throws CapabilitiesError */
export function loadCapabilities(file: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CapabilitiesError(file, `${(error as Error).message}; pass a capabilities JSON file such as \`opa capabilities --current\` writes`);
  }
  const builtins = (parsed as { builtins?: unknown } | null)?.builtins;
  if (!Array.isArray(builtins)) throw new CapabilitiesError(file, 'no "builtins" array; a capabilities file lists the allowed builtins as {"builtins": [{"name": …}]}');
  const names = builtins.map((entry, index) => {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') throw new CapabilitiesError(file, `builtins[${index}].name must be a string`);
    return name;
  });
  return [...new Set(names)].sort();
}
