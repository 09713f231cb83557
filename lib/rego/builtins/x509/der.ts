/**
 * DER element spans for the X.509 builtins, on asn1js: Go keeps
 * RawTBSCertificate, RawSubject, … as the original bytes.
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
