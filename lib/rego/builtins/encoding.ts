/**
 * base64, base64url, hex and URL-query builtins (OPA topdown/encoding.go),
 * with Go's strict decoders and error texts.
 */
import { RegoObject, Value, toJSON } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';

const str = (v: Value): string => v as string;
const bytesToString = (b: Buffer): string => b.toString('utf8');

/** Go's base64 decoding (standard or URL alphabet, padded), ignoring \r and \n like Go. */
function decodeBase64(text: string, url: boolean): Buffer {
  const s = text.replace(/[\r\n]/g, '');
  const alphabet = url ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  const firstBad = Array.from(s).findIndex((c) => !(url ? /[A-Za-z0-9_=-]/ : /[A-Za-z0-9+/=]/).test(c));
  if (firstBad >= 0) throw new BuiltinError(`illegal base64 data at input byte ${firstBad}`);
  if (!alphabet.test(s) || s.length % 4 !== 0) {
    const padAt = s.indexOf('=');
    throw new BuiltinError(`illegal base64 data at input byte ${padAt >= 0 && s.length % 4 === 0 ? padAt : Math.floor(s.length / 4) * 4}`);
  }
  const decoded = Buffer.from(s, url ? 'base64url' : 'base64');
  // Go rejects non-zero trailing bits; re-encoding shows them.
  if (decoded.toString(url ? 'base64url' : 'base64').replace(/=+$/, '') !== s.replace(/=+$/, '')) {
    throw new BuiltinError(`illegal base64 data at input byte ${s.replace(/=+$/, '').length - 1}`);
  }
  return decoded;
}

defineBuiltin({ name: 'base64.encode', args: [T.string], fn: ([s]) => Buffer.from(str(s)).toString('base64') });
defineBuiltin({ name: 'base64.decode', args: [T.string], fn: ([s]) => bytesToString(decodeBase64(str(s), false)) });
defineBuiltin({
  name: 'base64.is_valid',
  args: [T.string],
  fn: ([s]) => {
    try {
      decodeBase64(str(s), false);
      return true;
    } catch {
      return false;
    }
  },
});
defineBuiltin({ name: 'base64url.encode', args: [T.string], fn: ([s]) => padBase64(Buffer.from(str(s)).toString('base64url')) });
defineBuiltin({ name: 'base64url.encode_no_pad', args: [T.string], fn: ([s]) => Buffer.from(str(s)).toString('base64url') });
defineBuiltin({ name: 'base64url.decode', args: [T.string], fn: ([s]) => bytesToString(decodeBase64Url(str(s))) });

/** OPA's base64url decoding (also of JWT parts): padded or not, with Go's error texts. */
export function decodeBase64Url(text: string): Buffer {
  let s = text;
  // RFC 7515 Appendix C: restore the padding some encoders omit.
  if (!s.endsWith('=')) {
    const rest = s.length % 4;
    if (rest === 1) throw new BuiltinError(`illegal base64url string: ${s}`);
    s += rest === 2 ? '==' : rest === 3 ? '=' : '';
  }
  return decodeBase64(s, true);
}

function padBase64(s: string): string {
  return s + '='.repeat((4 - (s.length % 4)) % 4);
}

defineBuiltin({ name: 'hex.encode', args: [T.string], fn: ([s]) => Buffer.from(str(s)).toString('hex') });
defineBuiltin({
  name: 'hex.decode',
  args: [T.string],
  fn: ([value]) => {
    const s = str(value);
    const bad = Array.from(s).find((c) => !/[0-9A-Fa-f]/.test(c));
    if (bad !== undefined) {
      const cp = bad.codePointAt(0)!;
      throw new BuiltinError(`encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(bad).replace(/^"|"$/g, "'")}`);
    }
    if (s.length % 2 !== 0) throw new BuiltinError('encoding/hex: odd length hex string');
    return bytesToString(Buffer.from(s, 'hex'));
  },
});

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's url.QueryUnescape. */
function queryUnescape(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new BuiltinError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(c));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

defineBuiltin({ name: 'urlquery.encode', args: [T.string], fn: ([s]) => queryEscape(str(s)) });
defineBuiltin({ name: 'urlquery.decode', args: [T.string], fn: ([s]) => queryUnescape(str(s)) });

defineBuiltin({
  name: 'urlquery.encode_object',
  args: [T.object],
  fn: ([object]) => {
    const plain = toJSON(object) as Record<string, unknown>;
    const pairs: string[] = [];
    for (const key of Object.keys(plain).sort()) {
      const v = plain[key];
      const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
      if (!values) throw new BuiltinError('expected value to be string or array of strings');
      for (const x of values) {
        if (typeof x !== 'string') throw new BuiltinError('expected value in array to be string');
        pairs.push(`${queryEscape(key)}=${queryEscape(x)}`);
      }
    }
    return pairs.join('&');
  },
});

defineBuiltin({
  name: 'urlquery.decode_object',
  args: [T.string],
  fn: ([query]) => {
    const result = new Map<string, string[]>();
    for (const part of str(query).split(/&/)) {
      if (part === '') continue;
      if (part.includes(';')) throw new BuiltinError('invalid semicolon separator in query');
      const eq = part.indexOf('=');
      const key = queryUnescape(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : queryUnescape(part.slice(eq + 1));
      result.set(key, [...(result.get(key) ?? []), value]);
    }
    return new RegoObject([...result.entries()].map(([k, v]) => [k, v] as [Value, Value]));
  },
});
