/**
 * Go's x509.ParseCertificateRequest and the JSON of x509.CertificateRequest
 * (what crypto.x509.parse_certificate_request returns): subject, public key,
 * the extensions requested in the extensionRequest attribute and the
 * subject alternative names among them.
 */
import * as asn1js from 'asn1js';
import { AsnParser } from '@peculiar/asn1-schema';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { Extensions } from '@peculiar/asn1-x509';
import { nameJSON, publicKeyFields, signatureAlgorithm } from './certificate';
import { bytesJSON, oidJSON } from './go-json';
import { readElement } from './der';
import { extensionFields } from './extensions';

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

/**
 * Go's deprecated Attributes field: an attribute whose values are sequences of
 * (OID, value) pairs; others fail Go's unmarshalling and are left out.
 */
function attributeJSON(type: string, values: ArrayBuffer[]): unknown {
  const sets: unknown[] = [];
  for (const raw of values) {
    const parsed = asn1js.fromBER(raw);
    if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return undefined;
    const pairs: unknown[] = [];
    for (const item of parsed.result.valueBlock.value) {
      const parts = (item as asn1js.Sequence).valueBlock?.value;
      if (!(item instanceof asn1js.Sequence) || !Array.isArray(parts) || !(parts[0] instanceof asn1js.ObjectIdentifier) || parts.length < 2) return undefined;
      const v = parts[1];
      let value: unknown;
      if (v instanceof asn1js.Boolean) value = v.valueBlock.value;
      else if (v instanceof asn1js.OctetString) value = bytesJSON(new Uint8Array(v.valueBlock.valueHexView));
      else return undefined;
      pairs.push({ Type: oidJSON(parts[0].valueBlock.toString()), Value: value });
    }
    sets.push(pairs);
  }
  return { Type: oidJSON(type), Value: sets };
}

/** The JSON fields of Go's x509.CertificateRequest for a DER request. */
export function parseCertificateRequest(der: Uint8Array): Record<string, unknown> {
  const malformed = 'x509: malformed certificate request';
  const { element } = readElement(der, malformed);
  if (element.children.length !== 3) throw new Error(malformed);
  const info = readElement(element.children[0], malformed).element;
  let csr: CertificationRequest;
  try {
    csr = AsnParser.parse(element.raw, CertificationRequest);
  } catch {
    throw new Error(malformed);
  }
  const i = csr.certificationRequestInfo;
  const attributes: unknown[] = [];
  const extensions: Extensions[number][] = [];
  for (const attr of i.attributes) {
    const json = attributeJSON(attr.type, attr.values);
    if (json !== undefined) attributes.push(json);
    if (attr.type === EXTENSION_REQUEST) for (const v of attr.values) extensions.push(...AsnParser.parse(v, Extensions));
  }
  const fromExtensions = extensionFields(extensions);
  return {
    Raw: bytesJSON(element.raw),
    RawTBSCertificateRequest: bytesJSON(info.raw),
    RawSubjectPublicKeyInfo: bytesJSON(info.children[2]),
    RawSubject: bytesJSON(info.children[1]),
    Version: i.version,
    Signature: bytesJSON(new Uint8Array(csr.signature)),
    SignatureAlgorithm: signatureAlgorithm(csr.signatureAlgorithm),
    ...publicKeyFields(info.children[2], i.subjectPKInfo.algorithm.algorithm),
    Subject: nameJSON(i.subject),
    Attributes: attributes.length > 0 ? attributes : null,
    Extensions: extensions.length > 0 ? extensions.map((e) => ({ Id: oidJSON(e.extnID), Critical: e.critical, Value: bytesJSON(new Uint8Array(e.extnValue.buffer, e.extnValue.byteOffset, e.extnValue.byteLength)) })) : null,
    ExtraExtensions: null,
    DNSNames: fromExtensions.DNSNames,
    EmailAddresses: fromExtensions.EmailAddresses,
    IPAddresses: fromExtensions.IPAddresses,
    URIs: fromExtensions.URIs,
  };
}
