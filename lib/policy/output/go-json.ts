/**
 * JSON as Go's encoding/json writes it (conftest is written in Go): `json.Marshal` escapes `<`, `>`,
 * `&`, U+2028 and U+2029 in strings, and `json.Indent` with a tab matches JSON.stringify's layout.
 */

const goEscapes: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** `json.Marshal` then `json.Indent(…, "", indent)`. These characters can occur only inside strings. */
export function goIndentedJson(value: unknown, indent = '\t'): string {
  return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (char) => goEscapes[char]);
}

/** A map as Go marshals it: keys sorted. */
export function sortedKeys(map: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(map).sort()) sorted[key] = sortDeep(map[key]);
  return sorted;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') return sortedKeys(value as Record<string, unknown>);
  return value;
}
