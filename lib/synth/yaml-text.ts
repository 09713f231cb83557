/**
 * The YAML text of one synthesized object, byte for byte what cdk8s's `Yaml.stringify` writes (the
 * `yaml` package: YAML 1.1, block style, no line folding), several times faster: it writes the block
 * layout of maps and sequences itself and asks `Yaml.stringify` only how to write each distinct key
 * and scalar, once. A multi-line string (a block scalar: dashboards, scripts, Rego) is asked for
 * once too, and its lines are indented to where it sits. Whatever it does not lay out itself
 * (`undefined`, a value that is not plain JSON, a document that is not a non-empty map) is handed to
 * `Yaml.stringify` whole.
 */
import { Yaml } from 'cdk8s';

/** How `Yaml.stringify` writes a key or a scalar value on its line; null: not on one line. */
const keyTexts = new Map<string, string | null>();
const scalarTexts = new Map<unknown, string | null>();

/** Strings every YAML 1.1 parser reads back as the same string, so they are written plain. */
const PLAIN = /^[A-Za-z][A-Za-z0-9_./-]*$/;
/** ...except YAML 1.1's booleans and null, which are quoted. */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null)$/i;

/** Thrown when the layout needs something this writer leaves to `Yaml.stringify`. */
class NotLaidOut extends Error {}

/** The YAML document of an object, as `Yaml.stringify(object)` writes it. */
export function objectYaml(object: unknown): string {
  if (!isPlainObject(object) || Object.keys(object).length === 0) return Yaml.stringify(object);
  const out: string[] = [];
  try {
    writeMap(object, '', '', out);
  } catch (error) {
    if (error instanceof NotLaidOut) return Yaml.stringify(object);
    throw error;
  }
  return out.join('');
}

/** A non-empty map, one entry per line indented by `pad`; the first line by `firstPad` (after a `- `). */
function writeMap(map: Record<string, unknown>, pad: string, firstPad: string, out: string[]): void {
  let linePad = firstPad;
  for (const key of Object.keys(map)) {
    out.push(linePad, keyText(key), ':');
    writeValue(map[key], pad, out);
    linePad = pad;
  }
}

/** A map entry's value, after its `key:`. */
function writeValue(value: unknown, pad: string, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(' []\n');
    else (out.push('\n'), writeSequence(value, `${pad}  `, `${pad}  `, out));
  } else if (isPlainObject(value)) {
    if (Object.keys(value).length === 0) out.push(' {}\n');
    else (out.push('\n'), writeMap(value, `${pad}  `, `${pad}  `, out));
  } else {
    out.push(' ', scalarText(value, pad), '\n');
  }
}

/** A non-empty sequence, one `- item` per line indented by `pad`; the first by `firstPad`. */
function writeSequence(items: readonly unknown[], pad: string, firstPad: string, out: string[]): void {
  let linePad = firstPad;
  for (const item of items) {
    out.push(linePad, '-');
    if (Array.isArray(item)) {
      if (item.length === 0) out.push(' []\n');
      else (out.push(' '), writeSequence(item, `${pad}  `, '', out));
    } else if (isPlainObject(item)) {
      if (Object.keys(item).length === 0) out.push(' {}\n');
      else (out.push(' '), writeMap(item, `${pad}  `, '', out));
    } else {
      out.push(' ', scalarText(item, pad), '\n');
    }
    linePad = pad;
  }
}

/** Longer keys are written as explicit keys (`? key`), which this writer leaves to Yaml.stringify. */
const MAX_PLAIN_KEY = 1000;

function keyText(key: string): string {
  if (key.length <= MAX_PLAIN_KEY && PLAIN.test(key) && !RESERVED.test(key)) return key;
  let text = keyTexts.get(key);
  if (text === undefined) {
    const written = Yaml.stringify({ [key]: 0 });
    text = written.endsWith(': 0\n') && written.indexOf('\n') === written.length - 1 ? written.slice(0, -4) : null;
    // A key written differently when indented (`---` is quoted only at the start of a line) is left to Yaml.stringify.
    if (text !== null && Yaml.stringify({ k: { [key]: 0 } }) !== `k:\n  ${text}: 0\n`) text = null;
    keyTexts.set(key, text);
  }
  if (text === null) throw new NotLaidOut();
  return text;
}

/**
 * A scalar after `key:` or `- `, where `pad` is the indentation of that key or dash: a block
 * scalar's lines go two spaces further, as Yaml.stringify indents them (empty lines stay empty).
 */
function scalarText(value: unknown, pad: string): string {
  if (typeof value === 'string') {
    if (PLAIN.test(value) && !RESERVED.test(value)) return value;
  } else if (typeof value === 'number') {
    // -0 and 0 are one key of a Map, but YAML writes them differently.
    if (Object.is(value, -0)) throw new NotLaidOut();
    if (Number.isSafeInteger(value)) return String(value);
  } else if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  } else if (value === null) {
    return 'null';
  } else {
    throw new NotLaidOut();
  }
  let text = scalarTexts.get(value);
  if (text === undefined) {
    const written = Yaml.stringify({ v: value });
    // One line (`v: text`), or a block scalar (`v: |-` and its lines, indented by two spaces).
    const oneLine = written.indexOf('\n') === written.length - 1;
    text = written.startsWith('v: ') && (oneLine || /^v: [|>]/.test(written)) ? written.slice(3, -1) : null;
    scalarTexts.set(value, text);
  }
  if (text === null) throw new NotLaidOut();
  return pad === '' || !text.includes('\n') ? text : text.replace(/\n(?=[^\n])/g, `\n${pad}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
