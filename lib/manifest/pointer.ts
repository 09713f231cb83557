/**
 * JSON pointers (RFC 6901): the one way findings name a place inside a document, e.g.
 * `/spec/template/spec/containers/0/image`. The empty string is the document itself.
 */

/** Appends one property name or array index to a pointer, escaping `~` and `/`. */
export function appendPointer(pointer: string, segment: string | number): string {
  const text = String(segment);
  if (!text.includes('~') && !text.includes('/')) return `${pointer}/${text}`;
  return `${pointer}/${text.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Splits a pointer into its unescaped segments; `''` gives `[]`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new Error(`invalid JSON pointer "${pointer}": it must be empty or start with "/"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
