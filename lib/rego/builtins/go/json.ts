/**
 * JSON text the way OPA produces and reads it with Go's encoding/json:
 * sorted keys, `<`, `>`, `&`, U+2028 and U+2029 escaped, MarshalIndent layout;
 * parsing keeps big integers exact and reports Go's error messages.
 */
import { formatNumber, parseNumber } from '../../number';
import { RegoObject, Value, format, isArray, isSet } from '../../value';

/** Go's json.Marshal (indent undefined) or json.MarshalIndent(prefix, indent) of a Rego value. */
export function marshalJSON(v: Value, layout?: { prefix: string; indent: string }): string {
  const write = (x: Value, depth: number): string => {
    if (x === null) return 'null';
    switch (typeof x) {
      case 'boolean': return x ? 'true' : 'false';
      case 'number': case 'bigint': return formatNumber(x);
      case 'string': return quoteJSON(x);
    }
    const newline = (d: number): string => (layout ? `\n${layout.prefix}${layout.indent.repeat(d)}` : '');
    const items: string[] = [];
    if (isArray(x) || isSet(x)) {
      const members = isArray(x) ? x : x.sorted();
      if (members.length === 0) return '[]';
      for (const m of members) items.push(newline(depth + 1) + write(m, depth + 1));
      return `[${items.join(',')}${newline(depth)}]`;
    }
    const entries = (x as RegoObject).entries();
    const byKey = [...entries].map(([k, val]) => [typeof k === 'string' ? k : format(k), val] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (byKey.length === 0) return '{}';
    for (const [k, val] of byKey) items.push(`${newline(depth + 1)}${quoteJSON(k)}:${layout ? ' ' : ''}${write(val, depth + 1)}`);
    return `{${items.join(',')}${newline(depth)}}`;
  };
  return write(v, 0);
}

/** Go's JSON string encoding with HTML-safe escapes. */
export function quoteJSON(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A JSON syntax error with Go's wording. */
export class JSONSyntaxError extends Error {}

/** Parses JSON text into a Rego value (objects built eagerly, numbers exact). */
export function unmarshalJSON(text: string): Value {
  let i = 0;
  const fail = (what: string): never => {
    throw new JSONSyntaxError(i >= text.length ? 'unexpected end of JSON input' : `invalid character ${quoteChar(text[i])} ${what}`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj = new RegoObject();
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('looking for beginning of object key string');
        const key = string();
        ws();
        if (text[i] !== ':') fail('after object key');
        i++;
        obj.set(key, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const arr: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail('after array element');
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail('looking for beginning of value');
    i += m![0].length;
    return parseNumber(m![0]);
  };
  const string = (): string => {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4}))*"/.exec(text.slice(i));
    if (!m) {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] >= ' ' && text[i] !== '\\') i++;
      fail('in string literal');
    }
    i += m![0].length;
    return JSON.parse(m![0]) as string;
  };
  const result = value();
  ws();
  if (i < text.length) fail('after top-level value');
  return result;
}

function quoteChar(c: string): string {
  return c === "'" ? "'\\''" : JSON.stringify(c).replace(/^"|"$/g, "'");
}
