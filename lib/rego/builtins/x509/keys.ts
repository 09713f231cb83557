/**
 * Private keys as OPA's crypto builtins read them (getPrivateKeysFromPEMData and
 * tls.X509KeyPair): PKCS #1, PKCS #8 and SEC 1 blocks, written as Go's
 * encoding/json writes *rsa.PrivateKey / *ecdsa.PrivateKey, or as a JWK.
 */
import { KeyObject, createPrivateKey } from 'node:crypto';
import { bigFromBase64url } from './go-json';
import { PemBlock, decodeAllPem, decodeBase64Std } from './pem';

/** The PEM block types OPA reads keys from, and node's name for their DER format. */
const KEY_FORMATS: Record<string, 'pkcs1' | 'pkcs8' | 'sec1'> = { 'RSA PRIVATE KEY': 'pkcs1', 'PRIVATE KEY': 'pkcs8', 'EC PRIVATE KEY': 'sec1' };

/** A private key from one PEM block; throws Go's parse failure. */
export function keyFromBlock(block: PemBlock): KeyObject {
  const type = KEY_FORMATS[block.type];
  try {
    return createPrivateKey({ key: block.bytes, format: 'der', type: type ?? 'pkcs8' });
  } catch {
    throw new Error(type === 'sec1' ? 'x509: failed to parse EC private key' : 'x509: failed to parse private key');
  }
}

/** OPA's getPrivateKeysFromPEMData: PEM text (or base64 of it) to its private keys, other blocks skipped. */
export function privateKeysFromPem(text: string): KeyObject[] {
  let pem = text;
  try {
    pem = decodeBase64Std(text).toString('latin1');
  } catch {
    // Not base64: the text is PEM itself.
  }
  return decodeAllPem(pem).filter((b) => b.type in KEY_FORMATS).map(keyFromBlock);
}

/** Go's JSON of a private key (*rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey). */
export function privateKeyJSON(key: KeyObject): unknown {
  const jwk = key.export({ format: 'jwk' });
  const big = (s: string | undefined): bigint => bigFromBase64url(s ?? '');
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return {
        PublicKey: { N: big(jwk.n), E: Number(big(jwk.e)) },
        D: big(jwk.d),
        Primes: [big(jwk.p), big(jwk.q)],
        Precomputed: { Dp: big(jwk.dp), Dq: big(jwk.dq), Qinv: big(jwk.qi), CRTValues: [] },
      };
    case 'ec':
      // elliptic.Curve has no exported fields in current Go: {}.
      return { Curve: {}, X: big(jwk.x), Y: big(jwk.y), D: big(jwk.d) };
    case 'ed25519':
      // Go's ed25519.PrivateKey is seed followed by public key, as bytes (base64 in JSON).
      return Buffer.concat([Buffer.from(jwk.d!, 'base64url'), Buffer.from(jwk.x!, 'base64url')]).toString('base64');
    default:
      // Go's *ecdh.PrivateKey (X25519) and others have no exported fields.
      return {};
  }
}

/** OPA's JWK of an RSA or EC private key (what crypto.x509.parse_rsa_private_key returns). */
export function privateKeyJWK(key: KeyObject): Record<string, unknown> {
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
    const goType = key.asymmetricKeyType === 'ed25519' ? 'ed25519.PrivateKey' : '*ecdh.PrivateKey';
    throw new Error(`invalid key type ${goType}`);
  }
  const jwk = key.export({ format: 'jwk' }) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(jwk).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
