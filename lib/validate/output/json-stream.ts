/**
 * Writing `{"resources": [...], …}` documents entry by entry, laid out as Go's json.MarshalIndent
 * lays them out (two spaces, `[]` for an empty list), so that no run holds every entry at once.
 */

/** Writes the `resources` array of a JSON document one entry at a time; the caller closes the document. */
export class JsonResourceArray {
  private count = 0;

  constructor(private readonly write: (text: string) => void) {}

  /** Adds one entry (any JSON value). */
  add(entry: unknown): void {
    const text = indent(stringify(entry), '    ');
    this.write(this.count === 0 ? `{\n  "resources": [\n${text}` : `,\n${text}`);
    this.count++;
  }

  /** Closes the array and writes the document's other members (in order) and its closing brace. */
  end(members: Readonly<Record<string, unknown>> = {}): void {
    this.write(this.count === 0 ? '{\n  "resources": []' : '\n  ]');
    for (const [name, value] of Object.entries(members)) this.write(`,\n  ${JSON.stringify(name)}: ${indent(stringify(value), '  ').trimStart()}`);
    this.write('\n}\n');
  }
}

/**
 * JSON as Go writes it: indented by two, with `<`, `>`, `&` and the two JavaScript line separators
 * escaped (json.Marshal's HTML-safe escaping), so output matches kubeconform's byte for byte.
 */
export function stringify(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
