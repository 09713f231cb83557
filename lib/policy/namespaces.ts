/** Choosing namespaces (Rego packages) to check: conftest's `-n` (with globs) and `--all-namespaces`. */

/** The project's default run: single objects in `main`, cross-object rules on the combined input in `combined`. */
export const DEFAULT_NAMESPACES = { perFile: ['main'], combined: ['combined'] } as const;

/**
 * The namespaces the patterns name, in pattern order: a pattern with `*` or `?` stands for every
 * matching namespace of the policies (sorted); a plain name stands for itself, found or not (as in
 * conftest, an unknown namespace simply has no policies).
 */
export function matchNamespaces(patterns: readonly string[], available: readonly string[]): string[] {
  const chosen: string[] = [];
  for (const pattern of patterns) {
    const matches = /[*?]/.test(pattern) ? [...available].sort().filter((namespace) => globPattern(pattern).test(namespace)) : [pattern];
    for (const namespace of matches) if (!chosen.includes(namespace)) chosen.push(namespace);
  }
  return chosen;
}

function globPattern(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}
