/**
 * Go's encoding/json forms of crypto/x509 values: bytes as standard base64,
 * object identifiers as integer arrays, big integers, times as RFC 3339.
 */

/** Go's JSON of a []byte: standard base64; nil slices are null. */
export function bytesJSON(bytes: Uint8Array | ArrayBuffer | undefined): string | null {
  if (bytes === undefined) return null;
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64');
}

/** Go's JSON of an asn1.ObjectIdentifier: its arcs as numbers. */
export function oidJSON(oid: string): number[] {
  return oid.split('.').map(Number);
}

/** An unsigned big-endian integer (Go's big.Int from bytes). */
export function bigFromBytes(bytes: Uint8Array): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** A two's-complement DER INTEGER's value. */
export function signedFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  const unsigned = bigFromBytes(bytes);
  return bytes[0] & 0x80 ? unsigned - (1n << BigInt(bytes.length * 8)) : unsigned;
}

/** An unsigned integer from JWK base64url text (node's key export). */
export function bigFromBase64url(text: string): bigint {
  return bigFromBytes(Buffer.from(text, 'base64url'));
}

/** Go's time.Time JSON (RFC 3339 with nanoseconds only when non-zero). */
export function timeJSON(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}
