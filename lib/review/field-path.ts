/**
 * Paths to fields inside a resource, as the review prints them:
 * `spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value`,
 * `metadata.labels["app.kubernetes.io/version"]`, `spec.rules[0].verbs`.
 */

/** One step of a field path. */
export type PathSegment =
  /** A mapping key. */
  | { readonly key: string }
  /** A list position, for lists whose items have no identifying field. */
  | { readonly index: number }
  /** A list item found by an identifying field, e.g. the container whose `name` is `api`. */
  | { readonly field: string; readonly value: string | number };

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Writes a path the way the reports print it; the empty path (the whole resource) is `.`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if ('key' in segment) {
      text += PLAIN_KEY.test(segment.key) ? `${text === '' ? '' : '.'}${segment.key}` : `[${JSON.stringify(segment.key)}]`;
    } else if ('index' in segment) {
      text += `[${segment.index}]`;
    } else {
      text += `[${segment.field}=${typeof segment.value === 'string' ? segment.value : String(segment.value)}]`;
    }
  }
  return text === '' ? '.' : text;
}
