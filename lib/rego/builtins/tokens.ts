/**
 * JWT builtins (OPA topdown/tokens.go): io.jwt.decode, the io.jwt.verify_*
 * family, io.jwt.encode_sign and io.jwt.encode_sign_raw. io.jwt.decode_verify
 * lives in tokens-decode-verify.ts. Cryptography is node:crypto (see jose/).
 */
import { Value } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';
import { marshalJSON } from './go/json';
import { JWSKey, isJWSAlgorithm, signJWS, verifyJWS } from './jose/algorithms';
import { VerificationKey, signingKey, verificationKeys } from './jose/keys';
import { decodeHeader, decodePayloadText, decodeSignature, jsonObject, parseTokenHeader, signingInput, splitJWT } from './jose/jwt';

const str = (v: Value): string => v as string;

defineBuiltin({
  name: 'io.jwt.decode',
  args: [T.string],
  fn: ([token]) => decodeJWT(str(token)),
});

/** [header, payload, hex signature]; a `cty: JWT` token is decoded down to the innermost one. */
function decodeJWT(token: string): Value {
  const jwt = splitJWT(token);
  const header = decodeHeader(jwt);
  const payloadText = decodePayloadText(jwt);
  if (header.get('cty') === 'JWT') return decodeJWT(payloadText.replace(/^["']+|["']+$/g, ''));
  const payload = jsonObject(payloadText);
  let signature: Buffer;
  try {
    signature = decodeSignature(jwt);
  } catch (e) {
    throw new BuiltinError(`JWT signature had invalid encoding: ${(e as Error).message}`);
  }
  return [header, payload, signature.toString('hex')];
}

for (const bits of [256, 384, 512]) {
  defineBuiltin({
    name: `io.jwt.verify_hs${bits}`,
    args: [T.string, T.string],
    fn: ([token, secret]) => {
      const jwt = splitJWT(str(token));
      return verifyJWS(`HS${bits}`, Buffer.from(str(secret)), signingInput(jwt), decodeSignature(jwt));
    },
  });
  for (const family of ['RS', 'PS', 'ES']) {
    defineBuiltin({
      name: `io.jwt.verify_${family.toLowerCase()}${bits}`,
      args: [T.string, T.string],
      fn: ([token, key]) => verifyWithKeys(`${family}${bits}`, str(token), str(key)),
    });
  }
}

defineBuiltin({
  name: 'io.jwt.verify_eddsa',
  args: [T.string, T.string],
  fn: ([token, key]) => verifyWithKeys('EdDSA', str(token), str(key)),
});

/**
 * OPA's builtinJWTVerify: the key whose kid the header names decides alone;
 * otherwise any key verifies, skipping JWKs whose alg differs from the header's.
 */
function verifyWithKeys(alg: string, token: string, keyText: string): boolean {
  const jwt = splitJWT(token);
  const keys = verificationKeys(keyText);
  const signature = decodeSignature(jwt);
  const header = parseTokenHeader(decodeHeader(jwt));
  const check = (k: VerificationKey): boolean => verifyJWS(alg, k.key, signingInput(jwt), signature);
  const byKid = header.kid === '' ? undefined : keys.find((k) => k.kid === header.kid);
  if (byKid) return check(byKid);
  return keys.some((k) => (k.alg === undefined || k.alg === header.alg) && check(k));
}

defineBuiltin({
  name: 'io.jwt.encode_sign',
  // ECDSA and PSS signatures are randomized.
  nondeterministic: true,
  args: [T.object, T.object, T.object],
  fn: ([headers, payload, key]) => encodeSign(marshalJSON(headers), marshalJSON(payload), marshalJSON(key)),
});

defineBuiltin({
  name: 'io.jwt.encode_sign_raw',
  // ECDSA and PSS signatures are randomized.
  nondeterministic: true,
  args: [T.string, T.string, T.string],
  fn: ([headers, payload, key]) => encodeSign(str(headers), str(payload), str(key)),
});

/** The compact JWS of the header and payload texts as given, signed with the first key of the JWK (set). */
function encodeSign(headerText: string, payloadText: string, jwkText: string): string {
  const key: JWSKey = signingKey(jwkText);
  const header = parseJSON(headerText);
  const alg = isRecord(header) ? header.alg : undefined;
  if (typeof alg !== 'string') throw new BuiltinError("missing or invalid 'alg' header");
  if (!isJWSAlgorithm(alg)) throw new BuiltinError(`unknown JWS algorithm: ${alg}`);
  const typ = isRecord(header) ? header.typ : undefined;
  if ((typeof typ !== 'string' || typ === 'JWT') && parseJSON(payloadText) === undefined) {
    throw new BuiltinError('type is JWT but payload is not JSON');
  }
  const input = `${Buffer.from(headerText).toString('base64url')}.${Buffer.from(payloadText).toString('base64url')}`;
  const signature = signJWS(alg, key, Buffer.from(input));
  return `${input}.${signature.toString('base64url')}`;
}

/** The value of a JSON text, or undefined when the text is not JSON. */
function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
