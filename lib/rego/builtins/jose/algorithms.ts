/**
 * JWS signature algorithms (RFC 7518 section 3) over node:crypto: HMAC for
 * HS*, PKCS#1 v1.5 for RS*, PSS for PS*, ECDSA with raw r||s for ES*, Ed25519
 * for EdDSA. These are the algorithms OPA's token builtins know.
 */
import { KeyObject, constants, createHmac, sign, timingSafeEqual, verify } from 'node:crypto';
import { BuiltinError } from '../registry';

/** A key as JWS uses it: a shared secret (HS*) or an asymmetric key. */
export type JWSKey = Buffer | KeyObject;

/** A key or signing failure (malformed key, wrong kind of key for the algorithm); a builtin error. */
export class JOSEError extends BuiltinError {}

interface Algorithm {
  /** Digest of the algorithm; undefined for EdDSA, which hashes internally. */
  readonly hash?: string;
  readonly family: 'hmac' | 'rsa' | 'pss' | 'ecdsa' | 'eddsa';
}

const ALGORITHMS: ReadonlyMap<string, Algorithm> = new Map<string, Algorithm>([
  ['HS256', { hash: 'sha256', family: 'hmac' }],
  ['HS384', { hash: 'sha384', family: 'hmac' }],
  ['HS512', { hash: 'sha512', family: 'hmac' }],
  ['RS256', { hash: 'sha256', family: 'rsa' }],
  ['RS384', { hash: 'sha384', family: 'rsa' }],
  ['RS512', { hash: 'sha512', family: 'rsa' }],
  ['PS256', { hash: 'sha256', family: 'pss' }],
  ['PS384', { hash: 'sha384', family: 'pss' }],
  ['PS512', { hash: 'sha512', family: 'pss' }],
  ['ES256', { hash: 'sha256', family: 'ecdsa' }],
  ['ES384', { hash: 'sha384', family: 'ecdsa' }],
  ['ES512', { hash: 'sha512', family: 'ecdsa' }],
  ['EdDSA', { family: 'eddsa' }],
]);

/** True for the JWS algorithm names OPA supports. */
export function isJWSAlgorithm(alg: string): boolean {
  return ALGORITHMS.has(alg);
}

const KEY_TYPES: Record<Algorithm['family'], string> = {
  hmac: 'oct',
  rsa: 'rsa',
  pss: 'rsa',
  ecdsa: 'ec',
  eddsa: 'ed25519',
};

/** The asymmetric key with padding/encoding options for the family. */
function keyOptions(family: Algorithm['family'], key: KeyObject, signing: boolean) {
  if (family === 'pss') {
    const saltLength = signing ? constants.RSA_PSS_SALTLEN_DIGEST : constants.RSA_PSS_SALTLEN_AUTO;
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength };
  }
  if (family === 'ecdsa') return { key, dsaEncoding: 'ieee-p1363' as const };
  return key;
}

function fitsFamily(family: Algorithm['family'], key: JWSKey): boolean {
  if (family === 'hmac') return Buffer.isBuffer(key);
  if (Buffer.isBuffer(key)) return false;
  const type = key.asymmetricKeyType === 'rsa-pss' ? 'rsa' : key.asymmetricKeyType;
  return type === KEY_TYPES[family];
}

/** The signature of input under alg; throws JOSEError when the key does not suit the algorithm. */
export function signJWS(alg: string, key: JWSKey, input: Buffer): Buffer {
  const algorithm = ALGORITHMS.get(alg);
  if (!algorithm) throw new JOSEError(`unknown JWS algorithm: ${alg}`);
  if (!fitsFamily(algorithm.family, key)) throw new JOSEError(`${alg} needs a${algorithm.family === 'hmac' ? ' symmetric (oct)' : `n ${KEY_TYPES[algorithm.family]}`} key`);
  if (Buffer.isBuffer(key)) return createHmac(algorithm.hash!, key).update(input).digest();
  if (key.type !== 'private') throw new JOSEError(`${alg} signing needs a private key`);
  return sign(algorithm.hash ?? null, input, keyOptions(algorithm.family, key, true));
}

/** Whether signature is a valid alg signature of input under key (false for unsuitable keys or algorithms). */
export function verifyJWS(alg: string, key: JWSKey, input: Buffer, signature: Buffer): boolean {
  const algorithm = ALGORITHMS.get(alg);
  if (!algorithm || !fitsFamily(algorithm.family, key)) return false;
  if (Buffer.isBuffer(key)) {
    const expected = createHmac(algorithm.hash!, key).update(input).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  try {
    return verify(algorithm.hash ?? null, input, keyOptions(algorithm.family, key, false), signature);
  } catch {
    // Malformed signatures (wrong length for the curve, say) simply do not verify.
    return false;
  }
}
