/**
 * DER helpers for the X.509 builtins, on asn1js: raw element spans (Go keeps
 * RawTBSCertificate, RawSubject, … as the original bytes) and Go's JSON forms
 * of bytes (standard base64) and object identifiers (arrays of integers).
 */
import * as asn1js from 'asn1js';

/** One DER element and the raw bytes of its children (for SEQUENCE/SET). */
export interface DerElement {
  readonly raw: Uint8Array;
  readonly block: asn1js.AsnType;
  readonly children: Uint8Array[];
}

/** Parses the first element of der; `rest` is what follows it. Throws `message` when der is not DER. */
export function readElement(der: Uint8Array, message: string): { element: DerElement; rest: Uint8Array } {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.result.error) throw new Error(message);
  const block = parsed.result;
  const inner = (block as asn1js.Sequence).valueBlock?.value;
  const children = Array.isArray(inner) ? inner.map((c) => new Uint8Array(c.valueBeforeDecodeView)) : [];
  return { element: { raw: new Uint8Array(block.valueBeforeDecodeView), block, children }, rest: der.subarray(parsed.offset) };
}

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
