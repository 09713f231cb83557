/**
 * Go's (*x509.Certificate).Verify as OPA's crypto.x509.parse_and_verify_certificates
 * uses it: the first certificate is the root, the last the leaf, the others
 * intermediates. Checks validity periods, issuer signatures, CA and key-usage
 * constraints, path lengths, unhandled critical extensions, the DNS name
 * and extended key usages (server auth unless told otherwise).
 */
import type { ParsedCertificate } from './certificate';

/** Go's x509.VerifyOptions that OPA passes on. */
export interface VerifyOptions {
  readonly dnsName?: string;
  /** Time to check validity at. */
  readonly currentTime: Date;
  /** Go's ExtKeyUsage numbers; empty means server auth. */
  readonly keyUsages: readonly number[];
}

const EKU_ANY = 0;
const EKU_SERVER_AUTH = 1;
const KEY_USAGE_CERT_SIGN = 32;
/** Signature algorithms Go refuses to verify (MD2, MD5 and SHA-1 based). */
const INSECURE_SIGNATURES = new Set([1, 2, 3, 7, 9]);

/** A failed verification, with Go's reason. */
export class VerifyError extends Error {}

/** Fields of a parsed certificate, typed. */
function f<T>(c: ParsedCertificate, name: string): T {
  return c.fields[name] as T;
}

function checkTime(c: ParsedCertificate, now: Date): void {
  if (now < c.notBefore || now > c.notAfter) throw new VerifyError('x509: certificate has expired or is not yet valid');
}

/** Go's CheckSignatureFrom: parent may sign, and its key verifies the signature. */
function signedBy(child: ParsedCertificate, parent: ParsedCertificate): boolean {
  const bcValid = f<boolean>(parent, 'BasicConstraintsValid');
  if ((f<number>(parent, 'Version') === 3 && !bcValid) || (bcValid && !f<boolean>(parent, 'IsCA'))) return false;
  const usage = f<number>(parent, 'KeyUsage');
  if (usage !== 0 && (usage & KEY_USAGE_CERT_SIGN) === 0) return false;
  if (INSECURE_SIGNATURES.has(f<number>(child, 'SignatureAlgorithm'))) return false;
  if (Buffer.compare(Buffer.from(f<string>(child, 'RawIssuer'), 'base64'), Buffer.from(f<string>(parent, 'RawSubject'), 'base64')) !== 0) return false;
  try {
    return child.node.verify(parent.node.publicKey);
  } catch {
    return false;
  }
}

function hasNameConstraints(c: ParsedCertificate): boolean {
  return ['PermittedDNSDomains', 'ExcludedDNSDomains', 'PermittedIPRanges', 'ExcludedIPRanges', 'PermittedEmailAddresses', 'ExcludedEmailAddresses', 'PermittedURIDomains', 'ExcludedURIDomains'].some(
    (k) => c.fields[k] !== null,
  );
}

/** Go's isValid for a CA certificate about to extend `chain` (leaf first). */
function validIssuer(c: ParsedCertificate, isRoot: boolean, chain: readonly ParsedCertificate[], now: Date): boolean {
  if (now < c.notBefore || now > c.notAfter) return false;
  if (hasNameConstraints(c)) throw new Error('x509: name constraints are not supported by this engine');
  if (!isRoot && (!f<boolean>(c, 'BasicConstraintsValid') || !f<boolean>(c, 'IsCA'))) return false;
  const maxPathLen = f<number>(c, 'MaxPathLen');
  return !(f<boolean>(c, 'BasicConstraintsValid') && maxPathLen >= 0 && chain.length - 1 > maxPathLen);
}

/** Go's buildChains: every chain from `chain`'s last certificate up to a root, roots tried first. */
function buildChains(chain: ParsedCertificate[], roots: readonly ParsedCertificate[], intermediates: readonly ParsedCertificate[], now: Date): ParsedCertificate[][] {
  const current = chain[chain.length - 1];
  const out: ParsedCertificate[][] = [];
  for (const [candidates, isRoot] of [[roots, true], [intermediates, false]] as const) {
    for (const parent of candidates) {
      if (chain.includes(parent) || !signedBy(current, parent) || !validIssuer(parent, isRoot, chain, now)) continue;
      if (isRoot) out.push([...chain, parent]);
      else out.push(...buildChains([...chain, parent], roots, intermediates, now));
    }
  }
  return out;
}

/** Go's checkChainForKeyUsage: every certificate that restricts usages allows one requested. */
function allowsUsages(chain: readonly ParsedCertificate[], requested: readonly number[]): boolean {
  if (requested.includes(EKU_ANY)) return true;
  let remaining = [...requested];
  for (let i = chain.length - 1; i >= 0; i--) {
    const eku = f<number[] | null>(chain[i], 'ExtKeyUsage') ?? [];
    const unknown = f<unknown[] | null>(chain[i], 'UnknownExtKeyUsage') ?? [];
    if ((eku.length === 0 && unknown.length === 0) || eku.includes(EKU_ANY)) continue;
    // Server-gated-crypto usages stand in for server auth, as in Go.
    remaining = remaining.filter((u) => eku.includes(u) || (u === EKU_SERVER_AUTH && (eku.includes(10) || eku.includes(11))));
    if (remaining.length === 0) return false;
  }
  return true;
}

/** Go's VerifyHostname for a DNS name (wildcards in the leftmost label) or an IP address. */
function matchesHost(leaf: ParsedCertificate, host: string): boolean {
  const ips = f<string[] | null>(leaf, 'IPAddresses') ?? [];
  if (/^[\d.]+$/.test(host) || host.includes(':')) return ips.includes(host.replace(/^\[|\]$/g, ''));
  const want = host.toLowerCase().replace(/\.$/, '');
  return (f<string[] | null>(leaf, 'DNSNames') ?? []).some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === want) return true;
    if (!p.startsWith('*.')) return false;
    const dot = want.indexOf('.');
    return dot > 0 && want.slice(dot) === p.slice(1);
  });
}

/** The verified chain, leaf first; throws VerifyError with Go's reason when there is none. */
export function verifyChain(certs: readonly ParsedCertificate[], opts: VerifyOptions): ParsedCertificate[] {
  if (certs.length < 2) throw new VerifyError('must supply at least two certificates to be able to verify');
  const leaf = certs[certs.length - 1];
  const now = opts.currentTime;
  if (f<unknown[] | null>(leaf, 'UnhandledCriticalExtensions') !== null) throw new VerifyError('x509: unhandled critical extension');
  checkTime(leaf, now);
  if (opts.dnsName && !matchesHost(leaf, opts.dnsName)) throw new VerifyError(`x509: certificate is not valid for ${opts.dnsName}`);
  const chains = buildChains([leaf], [certs[0]], certs.slice(1, -1), now);
  if (chains.length === 0) throw new VerifyError('x509: certificate signed by unknown authority');
  const usages = opts.keyUsages.length > 0 ? opts.keyUsages : [EKU_SERVER_AUTH];
  const usable = chains.filter((c) => allowsUsages(c, usages));
  if (usable.length === 0) throw new VerifyError('x509: certificate specifies an incompatible key usage');
  return usable[0];
}
