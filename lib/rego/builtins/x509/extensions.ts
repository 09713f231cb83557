/**
 * The certificate extensions Go's crypto/x509 parser understands, turned into
 * the x509.Certificate fields it fills (KeyUsage, DNSNames, IsCA, …), with
 * Go's JSON forms (nil slices as null, OIDs as integer arrays, IPs as text).
 */
import { AsnParser } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints, CRLDistributionPoints, CertificatePolicies, ExtendedKeyUsage,
  Extension, GeneralName, InhibitAnyPolicy, KeyUsage, NameConstraints, PolicyConstraints, PolicyMappings, SubjectAlternativeName,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { formatIP, parseIP } from '../go/net';
import { bytesJSON, oidJSON } from './go-json';
import { goURL } from './go-url';

/** Go's ExtKeyUsage numbers by OID. */
const EXT_KEY_USAGES: Record<string, number> = {
  '2.5.29.37.0': 0,
  '1.3.6.1.5.5.7.3.1': 1,
  '1.3.6.1.5.5.7.3.2': 2,
  '1.3.6.1.5.5.7.3.3': 3,
  '1.3.6.1.5.5.7.3.4': 4,
  '1.3.6.1.5.5.7.3.5': 5,
  '1.3.6.1.5.5.7.3.6': 6,
  '1.3.6.1.5.5.7.3.7': 7,
  '1.3.6.1.5.5.7.3.8': 8,
  '1.3.6.1.5.5.7.3.9': 9,
  '1.3.6.1.4.1.311.10.3.3': 10,
  '2.16.840.1.113730.4.1': 11,
  '1.3.6.1.4.1.311.2.1.22': 12,
  '1.3.6.1.4.1.311.61.1.1': 13,
};

/** The fields of Go's x509.Certificate that come from extensions, with their zero values. */
export function emptyExtensionFields(): Record<string, unknown> {
  return {
    KeyUsage: 0,
    ExtKeyUsage: null,
    UnknownExtKeyUsage: null,
    BasicConstraintsValid: false,
    IsCA: false,
    MaxPathLen: 0,
    MaxPathLenZero: false,
    SubjectKeyId: null,
    AuthorityKeyId: null,
    OCSPServer: null,
    IssuingCertificateURL: null,
    DNSNames: null,
    EmailAddresses: null,
    IPAddresses: null,
    URIs: null,
    PermittedDNSDomainsCritical: false,
    PermittedDNSDomains: null,
    ExcludedDNSDomains: null,
    PermittedIPRanges: null,
    ExcludedIPRanges: null,
    PermittedEmailAddresses: null,
    ExcludedEmailAddresses: null,
    PermittedURIDomains: null,
    ExcludedURIDomains: null,
    CRLDistributionPoints: null,
    PolicyIdentifiers: null,
    Policies: null,
    InhibitAnyPolicy: 0,
    InhibitAnyPolicyZero: false,
    InhibitPolicyMapping: 0,
    InhibitPolicyMappingZero: false,
    RequireExplicitPolicy: 0,
    RequireExplicitPolicyZero: false,
    PolicyMappings: null,
    UnhandledCriticalExtensions: null,
  };
}

function push(fields: Record<string, unknown>, key: string, value: unknown): void {
  ((fields[key] ??= []) as unknown[]).push(value);
}

/** Go's net.IP text of an address in asn1-x509's notation. */
function ipText(text: string): string {
  const ip = parseIP(text);
  return ip ? formatIP(ip) : text;
}

/** Adds the names Go keeps from a SubjectAlternativeName; false when it kept none. */
function addAltNames(fields: Record<string, unknown>, names: GeneralName[]): boolean {
  let kept = false;
  for (const n of names) {
    if (n.dNSName !== undefined) push(fields, 'DNSNames', n.dNSName);
    else if (n.rfc822Name !== undefined) push(fields, 'EmailAddresses', n.rfc822Name);
    else if (n.iPAddress !== undefined) push(fields, 'IPAddresses', ipText(n.iPAddress));
    else if (n.uniformResourceIdentifier !== undefined) push(fields, 'URIs', goURL(n.uniformResourceIdentifier));
    else continue;
    kept = true;
  }
  return kept;
}

/** The URI text of general names (Go keeps only URIs from AIA and CRL distribution points). */
function uris(names: GeneralName[] | undefined): string[] {
  return (names ?? []).flatMap((n) => (n.uniformResourceIdentifier !== undefined ? [n.uniformResourceIdentifier] : []));
}

/** Go's name constraints fields (permitted/excluded DNS, IP ranges, emails, URI domains). */
function addNameConstraints(fields: Record<string, unknown>, nc: NameConstraints, critical: boolean): void {
  fields.PermittedDNSDomainsCritical = critical;
  for (const [kind, subtrees] of [['Permitted', nc.permittedSubtrees], ['Excluded', nc.excludedSubtrees]] as const) {
    for (const { base } of subtrees ?? []) {
      if (base.dNSName !== undefined) push(fields, `${kind}DNSDomains`, base.dNSName);
      else if (base.rfc822Name !== undefined) push(fields, `${kind}EmailAddresses`, base.rfc822Name);
      else if (base.uniformResourceIdentifier !== undefined) push(fields, `${kind}URIDomains`, base.uniformResourceIdentifier);
      else if (base.iPAddress !== undefined) {
        // asn1-x509 renders an address/mask pair as "ip/prefix"; Go keeps {IP, Mask}.
        const [ip, prefix] = base.iPAddress.split('/');
        const parsed = parseIP(ip);
        const v4 = ip.includes('.');
        const bits = v4 ? 32 : 128;
        const ones = prefix === undefined ? bits : Number(prefix);
        const mask = Buffer.alloc(bits / 8);
        for (let i = 0; i < ones; i++) mask[i >> 3] |= 0x80 >> (i & 7);
        push(fields, `${kind}IPRanges`, { IP: parsed ? formatIP(parsed) : ip, Mask: mask.toString('base64') });
      } else throw new Error('x509: failed to parse name constraints: unsupported constraint');
    }
  }
}

/**
 * Fills Go's extension-derived fields from the extensions; critical extensions
 * Go does not handle go to UnhandledCriticalExtensions. Throws Go-like
 * "x509: invalid …" errors for extensions that do not parse.
 */
export function extensionFields(extensions: readonly Extension[]): Record<string, unknown> {
  const fields = emptyExtensionFields();
  for (const ext of extensions) {
    const value = ext.extnValue.buffer.slice(ext.extnValue.byteOffset, ext.extnValue.byteOffset + ext.extnValue.byteLength);
    let handled = true;
    try {
      switch (ext.extnID) {
        case '2.5.29.15': fields.KeyUsage = AsnParser.parse(value, KeyUsage).toNumber(); break;
        case '2.5.29.19': {
          const bc = AsnParser.parse(value, BasicConstraints);
          fields.BasicConstraintsValid = true;
          fields.IsCA = bc.cA;
          fields.MaxPathLen = bc.pathLenConstraint ?? -1;
          fields.MaxPathLenZero = bc.pathLenConstraint === 0;
          break;
        }
        case '2.5.29.17': handled = addAltNames(fields, [...AsnParser.parse(value, SubjectAlternativeName)]); break;
        case '2.5.29.30': addNameConstraints(fields, AsnParser.parse(value, NameConstraints), ext.critical); break;
        case '2.5.29.31':
          for (const dp of AsnParser.parse(value, CRLDistributionPoints)) for (const u of uris(dp.distributionPoint?.fullName)) push(fields, 'CRLDistributionPoints', u);
          break;
        case '2.5.29.35': {
          const id = AsnParser.parse(value, AuthorityKeyIdentifier).keyIdentifier;
          if (id) fields.AuthorityKeyId = bytesJSON(new Uint8Array(id.buffer, id.byteOffset, id.byteLength));
          break;
        }
        case '2.5.29.14': {
          const id = AsnParser.parse(value, SubjectKeyIdentifier);
          fields.SubjectKeyId = bytesJSON(new Uint8Array(id.buffer, id.byteOffset, id.byteLength));
          break;
        }
        case '2.5.29.37':
          for (const oid of AsnParser.parse(value, ExtendedKeyUsage)) {
            if (oid in EXT_KEY_USAGES) push(fields, 'ExtKeyUsage', EXT_KEY_USAGES[oid]);
            else push(fields, 'UnknownExtKeyUsage', oidJSON(oid));
          }
          break;
        case '2.5.29.32':
          for (const p of AsnParser.parse(value, CertificatePolicies)) {
            push(fields, 'PolicyIdentifiers', oidJSON(p.policyIdentifier));
            push(fields, 'Policies', p.policyIdentifier);
          }
          break;
        case '1.3.6.1.5.5.7.1.1':
          for (const ad of AsnParser.parse(value, AuthorityInfoAccessSyntax)) {
            const u = ad.accessLocation.uniformResourceIdentifier;
            if (u === undefined) continue;
            if (ad.accessMethod === '1.3.6.1.5.5.7.48.1') push(fields, 'OCSPServer', u);
            else if (ad.accessMethod === '1.3.6.1.5.5.7.48.2') push(fields, 'IssuingCertificateURL', u);
          }
          break;
        case '2.5.29.36': {
          const pc = AsnParser.parse(value, PolicyConstraints);
          if (pc.requireExplicitPolicy !== undefined) {
            fields.RequireExplicitPolicy = Number(pc.requireExplicitPolicy);
            fields.RequireExplicitPolicyZero = Number(pc.requireExplicitPolicy) === 0;
          }
          if (pc.inhibitPolicyMapping !== undefined) {
            fields.InhibitPolicyMapping = Number(pc.inhibitPolicyMapping);
            fields.InhibitPolicyMappingZero = Number(pc.inhibitPolicyMapping) === 0;
          }
          break;
        }
        case '2.5.29.33':
          for (const m of AsnParser.parse(value, PolicyMappings)) push(fields, 'PolicyMappings', { IssuerDomainPolicy: m.issuerDomainPolicy, SubjectDomainPolicy: m.subjectDomainPolicy });
          break;
        case '2.5.29.54': {
          const n = Number(AsnParser.parse(value, InhibitAnyPolicy));
          fields.InhibitAnyPolicy = n;
          fields.InhibitAnyPolicyZero = n === 0;
          break;
        }
        default: handled = false;
      }
    } catch {
      throw new Error(`x509: invalid extension ${ext.extnID}`);
    }
    if (ext.critical && !handled) push(fields, 'UnhandledCriticalExtensions', oidJSON(ext.extnID));
  }
  return fields;
}

/** The URIs of a certificate's subject alternative names as written, or null (OPA's URIStrings). */
export function uriStrings(extensions: readonly Extension[]): string[] | null {
  const san = extensions.find((e) => e.extnID === '2.5.29.17');
  if (!san) return null;
  const names = AsnParser.parse(san.extnValue.buffer.slice(san.extnValue.byteOffset, san.extnValue.byteOffset + san.extnValue.byteLength), SubjectAlternativeName);
  const out = uris([...names]);
  return out.length > 0 ? out : null;
}
