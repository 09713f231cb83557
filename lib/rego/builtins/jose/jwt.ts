/**
 * Compact JWS tokens as OPA's token builtins take them apart (topdown/tokens.go):
 * three base64url sections, a JSON object header that is not a JWE, and the
 * header fields that decide verification (alg, kid, cty, crit).
 */
import { RegoObject, Value, isArray, isString } from '../../value';
import { BuiltinError } from '../registry';
import { decodeBase64Url } from '../encoding';
import { JSONSyntaxError, unmarshalJSON } from '../go/json';

/** The three encoded sections of a compact JWS. */
export interface EncodedJWT {
  readonly header: string;
  readonly payload: string;
  readonly signature: string;
}

/** Splits a token into its sections ("encoded JWT must have 3 sections, found 2"). */
export function splitJWT(token: string): EncodedJWT {
  if (!token.includes('.')) throw new BuiltinError('encoded JWT had no period separators');
  const parts = token.split('.');
  if (parts.length !== 3) throw new BuiltinError(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0], payload: parts[1], signature: parts[2] };
}

/** The bytes that were signed: `header.payload` as encoded. */
export function signingInput(jwt: EncodedJWT): Buffer {
  return Buffer.from(`${jwt.header}.${jwt.payload}`);
}

/** The decoded header object; a JWE (header with "enc") is refused. */
export function decodeHeader(jwt: EncodedJWT): RegoObject {
  let text: string;
  try {
    text = decodeBase64Url(jwt.header).toString('utf8');
  } catch (e) {
    throw new BuiltinError(`JWT header had invalid encoding: ${(e as Error).message}`);
  }
  let header: RegoObject;
  try {
    header = jsonObject(text);
  } catch (e) {
    throw new BuiltinError(`bad JWT header: ${(e as Error).message}`);
  }
  if (header.get('enc') !== undefined) throw new BuiltinError('JWT is a JWE object, which is not supported');
  return header;
}

/** The decoded payload text (an object, or for `cty: JWT` a nested token). */
export function decodePayloadText(jwt: EncodedJWT): string {
  try {
    return decodeBase64Url(jwt.payload).toString('utf8');
  } catch (e) {
    throw new BuiltinError(`JWT payload had invalid encoding: ${(e as Error).message}`);
  }
}

/** The raw signature bytes. */
export function decodeSignature(jwt: EncodedJWT): Buffer {
  return decodeBase64Url(jwt.signature);
}

/** A JSON text that must hold an object ("invalid JSON: …", "decoded JSON type was not an Object"). */
export function jsonObject(text: string): RegoObject {
  let value: Value;
  try {
    value = unmarshalJSON(text);
  } catch (e) {
    if (e instanceof JSONSyntaxError) throw new BuiltinError(`invalid JSON: ${e.message}`);
    throw e;
  }
  if (!(value instanceof RegoObject)) throw new BuiltinError('decoded JSON type was not an Object');
  return value;
}

/** The JOSE header fields verification depends on. */
export interface TokenHeader {
  readonly alg: string;
  readonly kid: string;
  readonly cty: string;
  /** Whether the header is acceptable: alg present, no unknown critical parameter (RFC 7515 4.1.11). */
  readonly valid: boolean;
}

const KNOWN_HEADER_FIELDS = new Set(['alg', 'kid', 'typ', 'cty', 'crit']);

/** Reads alg, kid, typ, cty and crit, raising OPA's messages ("alg: must be a string", "crit: must be a list"). */
export function parseTokenHeader(header: RegoObject): TokenHeader {
  const text = (name: string): string => {
    const v = header.get(name);
    if (v === undefined) return '';
    if (!isString(v)) throw new BuiltinError(`${name}: must be a string`);
    return v;
  };
  const [alg, kid, cty] = [text('alg'), text('kid'), text('cty')];
  text('typ');
  let critical = new Set<string>();
  const crit = header.get('crit');
  if (crit !== undefined) {
    if (!isArray(crit)) throw new BuiltinError('crit: must be a list');
    // Non-string members are ignored, as OPA does; an empty result is refused.
    critical = new Set(crit.filter(isString));
    if (critical.size === 0) throw new BuiltinError('crit: must be a nonempty list');
  }
  const unknownCritical = [...header.keys()].some((k) => isString(k) && !KNOWN_HEADER_FIELDS.has(k) && critical.has(k));
  return { alg, kid, cty, valid: alg !== '' && !unknownCritical };
}
