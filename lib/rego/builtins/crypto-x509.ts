/**
 * X.509 and private-key builtins (OPA topdown/crypto.go): parse certificates,
 * verify a chain, parse a CSR, a key pair and private keys. Results have the
 * shape Go's encoding/json gives the crypto/x509 structures (see x509/).
 * Inputs are PEM, or base64 of PEM or DER, as OPA accepts them.
 */
import { createPublicKey } from 'node:crypto';
import { RegoObject, Value, fromJSON, isArray, isNumber, isSet, isString } from '../value';
import { isInteger, toBigInt } from '../number';
import { BuiltinError, T, defineBuiltin, operandError } from './registry';
import type { ParsedCertificate } from './x509/certificate';
import type * as CertificateModule from './x509/certificate';
import type * as CsrModule from './x509/csr';
import { keyFromBlock, privateKeyJSON, privateKeyJWK, privateKeysFromPem } from './x509/keys';
import { decodeAllPem, decodePem, decodeBase64Std } from './x509/pem';
import { VerifyError, VerifyOptions, verifyChain } from './x509/verify';

/** The ASN.1 parsers take long to load and few policies read certificates: loaded on first use. */
let parsers: (typeof CertificateModule & typeof CsrModule) | undefined;
function x509(): typeof CertificateModule & typeof CsrModule {
  parsers ??= { ...(require('./x509/certificate') as typeof CertificateModule), ...(require('./x509/csr') as typeof CsrModule) };
  return parsers;
}

/** Runs a parser, turning its Go-like error into a builtin error. */
function attempt<R>(f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof BuiltinError || e instanceof VerifyError) throw e;
    throw new BuiltinError((e as Error).message);
  }
}

/** OPA's getX509CertsFromPem: only CERTIFICATE blocks, their DER concatenated. */
function certsFromPem(text: string): ParsedCertificate[] {
  const ders: Buffer[] = [];
  let rest = text;
  for (;;) {
    const { block, rest: after } = decodePem(rest);
    if (!block) break;
    if (block.type !== 'CERTIFICATE') throw new BuiltinError(`PEM block type is '${block.type}', expected CERTIFICATE`);
    ders.push(block.bytes);
    rest = after;
  }
  return x509().parseCertificates(Buffer.concat(ders));
}

/** OPA's getX509CertsFromString: PEM, or base64 of PEM or of DER. */
function certsFromString(text: string): ParsedCertificate[] {
  return attempt(() => {
    if (text.startsWith('-----BEGIN')) return certsFromPem(text);
    const decoded = decodeBase64Std(text);
    if (decoded.toString('latin1').startsWith('-----BEGIN')) return certsFromPem(decoded.toString('latin1'));
    return x509().parseCertificates(decoded);
  });
}

/** OPA's extendedCert: the certificate plus URIStrings, its URIs as text. */
function withURIStrings(c: ParsedCertificate): Record<string, unknown> {
  return { ...c.fields, URIStrings: c.uriStrings };
}

defineBuiltin({
  name: 'crypto.x509.parse_certificates',
  args: [T.string],
  fn: ([certs]) => fromJSON(certsFromString(certs as string).map(withURIStrings)),
});

/** [true, chain] for a verified chain, [false, []] for anything that fails to parse or verify. */
function verifiedResult(text: string, options: () => VerifyOptions, extended: boolean): Value {
  let certs: ParsedCertificate[];
  try {
    certs = certsFromString(text);
  } catch (e) {
    if (e instanceof BuiltinError) return [false, []];
    throw e;
  }
  const opts = options();
  try {
    const chain = verifyChain(certs, opts);
    return [true, fromJSON(chain.map((c) => (extended ? withURIStrings(c) : c.fields)))];
  } catch (e) {
    if (e instanceof VerifyError) return [false, []];
    throw new BuiltinError((e as Error).message);
  }
}

defineBuiltin({
  name: 'crypto.x509.parse_and_verify_certificates',
  args: [T.string],
  fn: ([certs], ctx) => verifiedResult(certs as string, () => ({ currentTime: nsToDate(ctx.nowNs), keyUsages: [] }), true),
});

/** Go's ExtKeyUsage numbers by the names OPA accepts in KeyUsages. */
const KEY_USAGE_NAMES: Record<string, number> = {
  KeyUsageAny: 0, KeyUsageServerAuth: 1, KeyUsageClientAuth: 2, KeyUsageCodeSigning: 3, KeyUsageEmailProtection: 4,
  KeyUsageIPSECEndSystem: 5, KeyUsageIPSECTunnel: 6, KeyUsageIPSECUser: 7, KeyUsageTimeStamping: 8, KeyUsageOCSPSigning: 9,
  KeyUsageMicrosoftServerGatedCrypto: 10, KeyUsageNetscapeServerGatedCrypto: 11, KeyUsageMicrosoftCommercialCodeSigning: 12,
  KeyUsageMicrosoftKernelCodeSigning: 13,
};

function nsToDate(ns: bigint): Date {
  return new Date(Number(ns / 1_000_000n));
}

/** OPA's extractVerifyOpts, with its messages for bad options. */
function verifyOptions(options: RegoObject, nowNs: bigint): VerifyOptions {
  let dnsName: string | undefined;
  let currentTime = nsToDate(nowNs);
  const keyUsages: number[] = [];
  for (const [key, v] of options.sortedEntries()) {
    if (!isString(key)) continue;
    switch (key) {
      case 'DNSName':
        if (!isString(v)) throw new BuiltinError("'DNSName' should be a string");
        dnsName = v.replace(/^"+|"+$/g, '');
        break;
      case 'CurrentTime':
        if (!isNumber(v)) throw new BuiltinError("'CurrentTime' should be a number");
        if (!isInteger(v as number) || toBigInt(v as number) >= 1n << 63n || toBigInt(v as number) < -(1n << 63n)) throw new BuiltinError("'CurrentTime' should be a valid int64 number");
        currentTime = nsToDate(toBigInt(v as number));
        break;
      case 'MaxConstraintComparisons':
        // Go bounds the work of name-constraint checks with it; this engine has no such checks to bound.
        if (!isNumber(v)) throw new BuiltinError("'MaxConstraintComparisons' should be a number");
        if (!isInteger(v as number)) throw new BuiltinError("'MaxConstraintComparisons' should be a valid number");
        break;
      case 'KeyUsages': {
        if (!isArray(v) && !isSet(v)) throw new BuiltinError("'KeyUsages' should be an Array or Set");
        const invalid: string[] = [];
        for (const u of isArray(v) ? v : v.values()) {
          if (!isString(u)) continue;
          const name = u.replace(/^"+|"+$/g, '');
          if (name in KEY_USAGE_NAMES) keyUsages.push(KEY_USAGE_NAMES[name]);
          else invalid.push(name);
        }
        if (invalid.length > 0) throw new BuiltinError(`invalid entries for 'KeyUsages' found: [${invalid.join(' ')}]`);
        break;
      }
      default:
        throw new BuiltinError('invalid key option');
    }
  }
  return { dnsName, currentTime, keyUsages };
}

defineBuiltin({
  name: 'crypto.x509.parse_and_verify_certificates_with_options',
  args: [T.string, T.object],
  fn: ([certs, options], ctx) => verifiedResult(certs as string, () => verifyOptions(options as RegoObject, ctx.nowNs), false),
});

defineBuiltin({
  name: 'crypto.x509.parse_certificate_request',
  args: [T.string],
  fn: ([input]) =>
    attempt(() => {
      const text = input as string;
      let bytes: Buffer = text.startsWith('-----BEGIN CERTIFICATE REQUEST-----') ? Buffer.from(text, 'utf8') : decodeBase64Std(text);
      const { block } = decodePem(bytes.toString('latin1'));
      if (block && block.type !== 'CERTIFICATE REQUEST') throw new BuiltinError('invalid PEM-encoded certificate signing request');
      if (block) bytes = block.bytes;
      return fromJSON(x509().parseCertificateRequest(bytes));
    }),
});

defineBuiltin({
  name: 'crypto.x509.parse_rsa_private_key',
  args: [T.string],
  fn: ([input]) =>
    attempt(() => {
      let text = input as string;
      if (text === '') throw new BuiltinError('input PEM data was empty');
      if (!text.startsWith('-----BEGIN')) text = decodeBase64Std(text).toString('latin1');
      const keys = privateKeysFromPem(text);
      return keys.length === 0 ? null : fromJSON(privateKeyJWK(keys[0]));
    }),
});

defineBuiltin({
  name: 'crypto.parse_private_keys',
  args: [T.string],
  fn: ([input]) =>
    attempt(() => {
      if (input === '') return null;
      return fromJSON(privateKeysFromPem(input as string).map(privateKeyJSON));
    }),
});

defineBuiltin({
  name: 'crypto.x509.parse_keypair',
  // OPA checks the key operand as "operand 1" too; the guard below reproduces that.
  args: [T.string, T.any],
  fn: ([cert, key]) => {
    if (!isString(key)) throw operandError(1, 'string', key);
    return attempt(() => fromJSON(keyPair(cert as string, key)));
  },
});

/** Go's tls.X509KeyPair on PEM (or base64 of PEM or DER) inputs, as JSON of tls.Certificate. */
function keyPair(certText: string, keyText: string): Record<string, unknown> {
  const asPem = (text: string, type: string): string => {
    if (text.startsWith('-----BEGIN ')) return text;
    const decoded = decodeBase64Std(text);
    if (decoded.toString('latin1').startsWith('-----BEGIN ')) return decoded.toString('latin1');
    return `-----BEGIN ${type}-----\n${decoded.toString('base64')}\n-----END ${type}-----\n`;
  };
  const certBlocks = decodeAllPem(asPem(certText, 'CERTIFICATE'));
  const certs = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  if (certs.length === 0) {
    const skipped = certBlocks.map((b) => b.type);
    if (skipped.length === 0) throw new Error('tls: failed to find any PEM data in certificate input');
    if (skipped.every((t) => t.endsWith('PRIVATE KEY'))) throw new Error('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    throw new Error(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }
  const keyBlocks = decodeAllPem(asPem(keyText, 'PRIVATE KEY'));
  const keyBlock = keyBlocks.find((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'));
  if (!keyBlock) {
    const skipped = keyBlocks.map((b) => b.type);
    if (skipped.length === 0) throw new Error('tls: failed to find any PEM data in key input');
    if (skipped.every((t) => t === 'CERTIFICATE')) throw new Error('tls: found a certificate rather than a key in the PEM for the private key');
    throw new Error(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }
  let key;
  try {
    key = keyFromBlock(keyBlock);
  } catch {
    throw new Error('tls: failed to parse private key');
  }
  const leaf = x509().parseCertificate(certs[0].bytes);
  const certKey = createPublicKey({ key: Buffer.from(leaf.fields.RawSubjectPublicKeyInfo as string, 'base64'), format: 'der', type: 'spki' });
  if (certKey.asymmetricKeyType !== key.asymmetricKeyType) throw new Error('tls: private key type does not match public key type');
  const spki = (k: typeof certKey): Buffer => k.export({ format: 'der', type: 'spki' });
  if (!spki(createPublicKey(key)).equals(spki(certKey))) throw new Error('tls: private key does not match public key');
  return {
    Certificate: certs.map((b) => b.bytes.toString('base64')),
    PrivateKey: privateKeyJSON(key),
    SupportedSignatureAlgorithms: null,
    OCSPStaple: null,
    SignedCertificateTimestamps: null,
    Leaf: leaf.fields,
  };
}
