/**
 * Go's x509.ParseCertificate and the JSON encoding/json writes for the
 * resulting x509.Certificate, which is what OPA's crypto.x509 builtins return
 * (Raw… fields as base64, SerialNumber as a number, Issuer/Subject as
 * pkix.Name, NotBefore/NotAfter as RFC 3339 text, extension fields by name).
 */
import { X509Certificate, createPublicKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AsnParser } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Name } from '@peculiar/asn1-x509';
import { bigFromBase64url, bytesJSON, oidJSON, signedFromBytes, timeJSON } from './go-json';
import { readElement } from './der';
import { extensionFields, uriStrings } from './extensions';

/** A parsed certificate: Go's JSON fields, and node's view of it for signature checks. */
export interface ParsedCertificate {
  readonly fields: Record<string, unknown>;
  readonly node: X509Certificate;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The subject alternative name URIs as text (OPA's URIStrings), null when there are none. */
  readonly uriStrings: string[] | null;
}

/** Go's SignatureAlgorithm numbers by OID (RSA-PSS is decided by its hash parameter). */
const SIGNATURE_ALGORITHMS: Record<string, number> = {
  '1.2.840.113549.1.1.2': 1,
  '1.2.840.113549.1.1.4': 2,
  '1.2.840.113549.1.1.5': 3,
  '1.2.840.113549.1.1.11': 4,
  '1.2.840.113549.1.1.12': 5,
  '1.2.840.113549.1.1.13': 6,
  '1.2.840.10040.4.3': 7,
  '2.16.840.1.101.3.4.3.2': 8,
  '1.2.840.10045.4.1': 9,
  '1.2.840.10045.4.3.2': 10,
  '1.2.840.10045.4.3.3': 11,
  '1.2.840.10045.4.3.4': 12,
  '1.3.101.112': 16,
};
const PSS_BY_HASH: Record<string, number> = { '2.16.840.1.101.3.4.2.1': 13, '2.16.840.1.101.3.4.2.2': 14, '2.16.840.1.101.3.4.2.3': 15 };

/** Go's PublicKeyAlgorithm numbers by OID. */
const PUBLIC_KEY_ALGORITHMS: Record<string, number> = {
  '1.2.840.113549.1.1.1': 1,
  '1.2.840.113549.1.1.10': 1,
  '1.2.840.10040.4.1': 2,
  '1.2.840.10045.2.1': 3,
  '1.3.101.112': 4,
};

/** Go's number for a signature algorithm (0 when unknown). */
export function signatureAlgorithm(alg: AlgorithmIdentifier): number {
  if (alg.algorithm === '1.2.840.113549.1.1.10') return PSS_BY_HASH[firstOID(alg.parameters) ?? ''] ?? 0;
  return SIGNATURE_ALGORITHMS[alg.algorithm] ?? 0;
}

/** The first object identifier inside DER parameters (the hash of RSA-PSS parameters). */
function firstOID(params: ArrayBuffer | null | undefined): string | undefined {
  if (!params) return undefined;
  const walk = (b: asn1js.AsnType): string | undefined => {
    if (b instanceof asn1js.ObjectIdentifier) return b.valueBlock.toString();
    const inner = (b as asn1js.Sequence).valueBlock?.value;
    return Array.isArray(inner) ? inner.map(walk).find((x) => x !== undefined) : undefined;
  };
  const parsed = asn1js.fromBER(params);
  return parsed.offset === -1 ? undefined : walk(parsed.result);
}

/** Go's PublicKeyAlgorithm and PublicKey JSON for a SubjectPublicKeyInfo. */
export function publicKeyFields(spki: Uint8Array, algorithmOID: string): { PublicKeyAlgorithm: number; PublicKey: unknown } {
  const algorithm = PUBLIC_KEY_ALGORITHMS[algorithmOID] ?? 0;
  if (algorithm === 0) return { PublicKeyAlgorithm: 0, PublicKey: null };
  if (algorithm === 2) throw new Error('x509: DSA public keys are not supported by this engine');
  const jwk = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  if (algorithm === 1) return { PublicKeyAlgorithm: 1, PublicKey: { N: bigFromBase64url(jwk.n!), E: Number(bigFromBase64url(jwk.e!)) } };
  // An elliptic.Curve has no exported fields in current Go: it marshals to {}.
  if (algorithm === 3) return { PublicKeyAlgorithm: 3, PublicKey: { Curve: {}, X: bigFromBase64url(jwk.x!), Y: bigFromBase64url(jwk.y!) } };
  return { PublicKeyAlgorithm: 4, PublicKey: Buffer.from(jwk.x!, 'base64url').toString('base64') };
}

/** pkix.Name's JSON: the well-known attributes by field, every attribute in Names. */
export function nameJSON(name: Name): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Country: null, Organization: null, OrganizationalUnit: null, Locality: null, Province: null,
    StreetAddress: null, PostalCode: null, SerialNumber: '', CommonName: '', Names: null, ExtraNames: null,
  };
  const lists: Record<string, string> = { '6': 'Country', '10': 'Organization', '11': 'OrganizationalUnit', '7': 'Locality', '8': 'Province', '9': 'StreetAddress', '17': 'PostalCode' };
  for (const rdn of name) {
    for (const atv of rdn) {
      const v = atv.value;
      const text = v.utf8String ?? v.printableString ?? v.ia5String ?? v.teletexString ?? v.bmpString;
      if (text === undefined) throw new Error('x509: unsupported string type');
      ((out.Names ??= []) as unknown[]).push({ Type: oidJSON(atv.type), Value: text });
      const m = /^2\.5\.4\.(\d+)$/.exec(atv.type);
      if (!m) continue;
      if (m[1] === '3') out.CommonName = text;
      else if (m[1] === '5') out.SerialNumber = text;
      else if (m[1] in lists) ((out[lists[m[1]]] ??= []) as unknown[]).push(text);
    }
  }
  return out;
}

/** Go's x509.ParseCertificate of one DER certificate; throws Go-like "x509: …" errors. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const malformed = 'x509: malformed certificate';
  const { element } = readElement(der, malformed);
  if (element.children.length !== 3) throw new Error(malformed);
  const tbs = readElement(element.children[0], malformed).element;
  let cert: Certificate;
  try {
    cert = AsnParser.parse(element.raw, Certificate);
  } catch {
    throw new Error(malformed);
  }
  const t = cert.tbsCertificate;
  // The optional [0] version tag shifts the positions of the fields after it.
  const at = tbs.children.length > 0 && tbs.children[0][0] === 0xa0 ? 1 : 0;
  const serial = signedFromBytes(new Uint8Array(t.serialNumber));
  if (serial < 0n) throw new Error('x509: negative serial number');
  const notBefore = t.validity.notBefore.getTime();
  const notAfter = t.validity.notAfter.getTime();
  const spki = tbs.children[at + 5];
  const fields: Record<string, unknown> = {
    Raw: bytesJSON(element.raw),
    RawTBSCertificate: bytesJSON(tbs.raw),
    RawSubjectPublicKeyInfo: bytesJSON(spki),
    RawSubject: bytesJSON(tbs.children[at + 4]),
    RawIssuer: bytesJSON(tbs.children[at + 2]),
    Signature: bytesJSON(new Uint8Array(cert.signatureValue)),
    SignatureAlgorithm: signatureAlgorithm(cert.signatureAlgorithm),
    ...publicKeyFields(spki, t.subjectPublicKeyInfo.algorithm.algorithm),
    Version: t.version + 1,
    SerialNumber: serial,
    Issuer: nameJSON(t.issuer),
    Subject: nameJSON(t.subject),
    NotBefore: timeJSON(notBefore),
    NotAfter: timeJSON(notAfter),
    Extensions: t.extensions ? t.extensions.map((e) => ({ Id: oidJSON(e.extnID), Critical: e.critical, Value: bytesJSON(new Uint8Array(e.extnValue.buffer, e.extnValue.byteOffset, e.extnValue.byteLength)) })) : null,
    ExtraExtensions: null,
    ...extensionFields(t.extensions ?? []),
  };
  return { fields, node: new X509Certificate(Buffer.from(element.raw)), notBefore, notAfter, uriStrings: uriStrings(t.extensions ?? []) };
}

/** Go's x509.ParseCertificates: every certificate in concatenated DER. */
export function parseCertificates(der: Uint8Array): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  let rest = der;
  while (rest.length > 0) {
    const { element, rest: after } = readElement(rest, 'x509: malformed certificate');
    out.push(parseCertificate(element.raw));
    rest = after;
  }
  return out;
}
