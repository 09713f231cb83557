/**
 * Keys for OPA's token builtins: JSON Web Keys (RFC 7517, a key or a key set)
 * for signing, and for verification also PEM certificates and public keys,
 * as OPA's getKeysFromCertOrJWK reads them.
 */
import { JsonWebKey, KeyObject, X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { JOSEError, JWSKey, isJWSAlgorithm } from './algorithms';

/** A key to check signatures with; alg and kid come from a JWK set. */
export interface VerificationKey {
  readonly key: JWSKey;
  readonly alg?: string;
  readonly kid?: string;
}

/** The first key of a JWK or JWK set, private where the JWK has private parts (what encode_sign signs with). */
export function signingKey(jwkText: string): JWSKey {
  const [first] = parseJWKs(jwkText);
  if (!first) throw new JOSEError('no keys found in JWK set');
  return toKey(first, 'private');
}

/**
 * Keys from a PEM block (CERTIFICATE or PUBLIC KEY) or from a JWK / JWK set;
 * JWKs naming an algorithm OPA does not know are left out.
 */
export function verificationKeys(text: string): VerificationKey[] {
  const pem = /-----BEGIN ([^-\n]+)-----[\s\S]*?-----END \1-----[^\n]*\n?/.exec(text);
  if (pem) {
    if (text.slice(pem.index + pem[0].length) !== '') throw new JOSEError('extra data after a PEM certificate block');
    if (pem[1] === 'CERTIFICATE') return [{ key: certificateKey(pem[0]) }];
    if (pem[1] === 'PUBLIC KEY') return [{ key: pemPublicKey(pem[0]) }];
    throw new JOSEError('failed to extract a Key from the PEM certificate');
  }
  let jwks: JsonWebKey[];
  try {
    jwks = parseJWKs(text);
  } catch (e) {
    throw new JOSEError(`failed to parse a JWK key (set): ${(e as Error).message}`);
  }
  const keys: VerificationKey[] = [];
  for (const jwk of jwks) {
    const alg = typeof jwk.alg === 'string' && jwk.alg !== '' ? jwk.alg : undefined;
    if (alg !== undefined && !isJWSAlgorithm(alg)) continue;
    const kid = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : undefined;
    keys.push({ key: toKey(jwk, 'public'), alg, kid });
  }
  return keys;
}

function certificateKey(pem: string): KeyObject {
  try {
    return new X509Certificate(pem).publicKey;
  } catch (e) {
    throw new JOSEError(`failed to parse a PEM certificate: ${(e as Error).message}`);
  }
}

function pemPublicKey(pem: string): KeyObject {
  try {
    return createPublicKey(pem);
  } catch (e) {
    throw new JOSEError(`failed to parse a PEM public key: ${(e as Error).message}`);
  }
}

/** The JWKs of a JSON text holding one key or a set `{"keys": [...]}`. */
function parseJWKs(text: string): JsonWebKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new JOSEError('failed to parse JWK: invalid JSON');
  }
  if (!isRecord(parsed)) throw new JOSEError('failed to parse JWK: not a JSON object');
  const members = 'keys' in parsed ? parsed.keys : [parsed];
  if (!Array.isArray(members) || !members.every(isRecord)) throw new JOSEError('failed to parse JWK set: "keys" must be an array of objects');
  for (const jwk of members) {
    if (typeof jwk.kty !== 'string') throw new JOSEError('failed to parse JWK: missing "kty"');
  }
  return members as JsonWebKey[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A JWK as a key: the secret bytes of an `oct` key, else a node KeyObject. */
function toKey(jwk: JsonWebKey, want: 'private' | 'public'): JWSKey {
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string') throw new JOSEError('failed to parse JWK: oct key without "k"');
    return Buffer.from(jwk.k, 'base64url');
  }
  try {
    return want === 'private' && jwk.d !== undefined ? createPrivateKey({ key: jwk, format: 'jwk' }) : createPublicKey({ key: jwk, format: 'jwk' });
  } catch (e) {
    throw new JOSEError(`failed to parse JWK of type ${jwk.kty}: ${(e as Error).message}`);
  }
}
