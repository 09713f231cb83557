import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getBuiltin } from '../../../lib/rego/builtins/registry';
import { fromJSON, toJSON } from '../../../lib/rego/value';
import { call, callJSON, context } from './call';

// Fixtures made with openssl for these tests: root (EC) → intermediate (EC, pathlen 0) → leaf (RSA) and client (EC).
const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', 'x509', name), 'utf8');
const [root, inter, leaf, client, otherRoot] = ['root.pem', 'inter.pem', 'leaf.pem', 'client.pem', 'other-root.pem'].map(fixture);
const derBase64 = (pem: string): string => new X509Certificate(pem).raw.toString('base64');
type Cert = Record<string, any>;

/** Calls a builtin with the clock at `now` (the fixtures are valid from their creation on). */
function callAt(now: Date, name: string, ...args: unknown[]): unknown {
  const out = getBuiltin(name)!.fn(args.map(fromJSON), { ...context, nowNs: BigInt(now.getTime()) * 1_000_000n });
  return out === undefined ? undefined : toJSON(out);
}
const validNow = new Date(new X509Certificate(leaf).validFrom).getTime() + 60_000;

describe('crypto.x509.parse_certificates', () => {
  it('returns Go’s x509.Certificate fields', () => {
    const [c] = callJSON('crypto.x509.parse_certificates', leaf) as Cert[];
    const node = new X509Certificate(leaf);
    expect(c.Raw).toBe(node.raw.toString('base64'));
    expect(c.Version).toBe(3);
    expect(c.SerialNumber).toBe(BigInt('0x' + node.serialNumber));
    expect(c.Subject).toMatchObject({ CommonName: 'example.com', Country: ['US'], Province: ['California'], Locality: ['San Francisco'], Organization: ['Example Org'], OrganizationalUnit: null, SerialNumber: '' });
    expect(c.Subject.Names[0]).toEqual({ Type: [2, 5, 4, 6], Value: 'US' });
    expect(c.Issuer).toMatchObject({ CommonName: 'Example Intermediate CA', OrganizationalUnit: ['Issuing'] });
    expect(new Date(c.NotBefore).getTime()).toBe(new Date(node.validFrom).getTime());
    expect(c.NotAfter).toMatch(/^2122-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(c.DNSNames).toEqual(['example.com', '*.example.com']);
    expect(c.IPAddresses).toEqual(['10.0.0.1']);
    expect(c.EmailAddresses).toEqual(['ops@example.com']);
    expect(c.URIStrings).toEqual(['spiffe://cluster.local/ns/default/sa/web']);
    expect(c.URIs[0]).toMatchObject({ Scheme: 'spiffe', Host: 'cluster.local', Path: '/ns/default/sa/web', Opaque: '', User: null });
    expect(c).toMatchObject({ KeyUsage: 1 | 4, ExtKeyUsage: [1, 2], UnknownExtKeyUsage: null, BasicConstraintsValid: true, IsCA: false, MaxPathLen: -1, MaxPathLenZero: false });
    expect(c).toMatchObject({ SignatureAlgorithm: 10, PublicKeyAlgorithm: 1, OCSPServer: ['http://ocsp.example.com'], IssuingCertificateURL: ['http://ca.example.com/inter.crt'] });
    expect(c).toMatchObject({ CRLDistributionPoints: ['http://crl.example.com/root.crl'], Policies: ['2.23.140.1.2.1'], PolicyIdentifiers: [[2, 23, 140, 1, 2, 1]], UnhandledCriticalExtensions: null });
    expect(c.PublicKey.E).toBe(65537);
    expect(c.Extensions.find((e: Cert) => e.Id.join('.') === '2.5.29.15')).toEqual({ Id: [2, 5, 29, 15], Critical: true, Value: 'AwIFoA==' });
  });

  it('reads CA constraints, several PEM blocks, base64 DER and base64 PEM', () => {
    const certs = callJSON('crypto.x509.parse_certificates', root + inter) as Cert[];
    expect(certs.map((c) => c.Subject.CommonName)).toEqual(['Example Root CA', 'Example Intermediate CA']);
    expect(certs[0]).toMatchObject({ IsCA: true, KeyUsage: 32 | 64, MaxPathLen: -1, PublicKeyAlgorithm: 3 });
    expect(certs[0].PublicKey.Curve).toEqual({});
    expect(certs[1]).toMatchObject({ IsCA: true, MaxPathLen: 0, MaxPathLenZero: true });
    expect((callJSON('crypto.x509.parse_certificates', derBase64(inter)) as Cert[])[0].Raw).toBe(derBase64(inter));
    expect((callJSON('crypto.x509.parse_certificates', Buffer.from(leaf).toString('base64')) as Cert[])[0].Subject.CommonName).toBe('example.com');
  });

  it('fails on other PEM blocks, bad base64 and malformed DER', () => {
    expect(() => call('crypto.x509.parse_certificates', fixture('request.csr'))).toThrow("crypto.x509.parse_certificates: PEM block type is 'CERTIFICATE REQUEST', expected CERTIFICATE");
    expect(() => call('crypto.x509.parse_certificates', 'not base64!')).toThrow('crypto.x509.parse_certificates: illegal base64 data at input byte 3');
    expect(() => call('crypto.x509.parse_certificates', 'AAAA')).toThrow('crypto.x509.parse_certificates: x509: malformed certificate');
    expect(() => call('crypto.x509.parse_certificates', 1)).toThrow('crypto.x509.parse_certificates: operand 1 must be string but got number');
  });
});

describe('crypto.x509.parse_and_verify_certificates', () => {
  it('verifies root, intermediates, leaf and returns the chain leaf first', () => {
    const [ok, chain] = callAt(new Date(validNow), 'crypto.x509.parse_and_verify_certificates', root + inter + leaf) as [boolean, Cert[]];
    expect(ok).toBe(true);
    expect(chain.map((c) => c.Subject.CommonName)).toEqual(['example.com', 'Example Intermediate CA', 'Example Root CA']);
    expect(chain[0].URIStrings).toEqual(['spiffe://cluster.local/ns/default/sa/web']);
  });

  it('is [false, []] for a wrong root, a single certificate, a client-only leaf, or a time outside validity', () => {
    const now = new Date(validNow);
    expect(callAt(now, 'crypto.x509.parse_and_verify_certificates', otherRoot + inter + leaf)).toEqual([false, []]);
    expect(callAt(now, 'crypto.x509.parse_and_verify_certificates', leaf)).toEqual([false, []]);
    expect(callAt(now, 'crypto.x509.parse_and_verify_certificates', root + inter + client)).toEqual([false, []]);
    expect(callAt(new Date('2020-01-01T00:00:00Z'), 'crypto.x509.parse_and_verify_certificates', root + inter + leaf)).toEqual([false, []]);
    expect(callAt(now, 'crypto.x509.parse_and_verify_certificates', 'garbage')).toEqual([false, []]);
  });
});

describe('crypto.x509.parse_and_verify_certificates_with_options', () => {
  const now = new Date(validNow);
  const ns = BigInt(validNow) * 1_000_000n;
  const verify = (certs: string, options: Record<string, unknown>) => callAt(now, 'crypto.x509.parse_and_verify_certificates_with_options', certs, options) as [boolean, Cert[]];

  it('checks the DNS name, key usages and time it is given', () => {
    expect(verify(root + inter + leaf, { DNSName: 'www.example.com' })[0]).toBe(true);
    expect(verify(root + inter + leaf, { DNSName: 'example.org' })).toEqual([false, []]);
    expect(verify(root + inter + client, { KeyUsages: ['KeyUsageClientAuth'] })[0]).toBe(true);
    expect(verify(root + inter + client, { KeyUsages: ['KeyUsageServerAuth'] })).toEqual([false, []]);
    expect(verify(root + inter + leaf, { CurrentTime: ns, MaxConstraintComparisons: 10 })[0]).toBe(true);
    expect(verify(root + inter + leaf, { CurrentTime: 1577836800000000000n })).toEqual([false, []]);
    // Unlike the variant without options, OPA returns the plain certificates here (no URIStrings).
    expect(verify(root + inter + leaf, {})[1][0].URIStrings).toBeUndefined();
  });

  it('rejects bad options with OPA’s messages', () => {
    expect(() => call('crypto.x509.parse_and_verify_certificates_with_options', root + inter + leaf, fromJSON({ DNSName: 1 }))).toThrow("'DNSName' should be a string");
    expect(() => call('crypto.x509.parse_and_verify_certificates_with_options', root + inter + leaf, fromJSON({ CurrentTime: 'x' }))).toThrow("'CurrentTime' should be a number");
    expect(() => call('crypto.x509.parse_and_verify_certificates_with_options', root + inter + leaf, fromJSON({ KeyUsages: 'x' }))).toThrow("'KeyUsages' should be an Array or Set");
    expect(() => call('crypto.x509.parse_and_verify_certificates_with_options', root + inter + leaf, fromJSON({ KeyUsages: ['Nope', 'KeyUsageAny', 'Bad'] }))).toThrow(
      "invalid entries for 'KeyUsages' found: [Nope Bad]",
    );
    expect(() => call('crypto.x509.parse_and_verify_certificates_with_options', root + inter + leaf, fromJSON({ Other: 1 }))).toThrow('invalid key option');
  });
});

describe('crypto.x509.parse_certificate_request', () => {
  it('returns Go’s x509.CertificateRequest fields, with the requested SANs', () => {
    const csr = callJSON('crypto.x509.parse_certificate_request', fixture('request.csr')) as Cert;
    expect(csr).toMatchObject({ Version: 0, SignatureAlgorithm: 10, PublicKeyAlgorithm: 3, DNSNames: ['req.example.com'], IPAddresses: ['192.168.1.5'], EmailAddresses: null, URIs: null });
    expect(csr.Subject).toMatchObject({ CommonName: 'req.example.com', Organization: ['Example Org'] });
    expect(csr.Extensions).toEqual([{ Id: [2, 5, 29, 17], Critical: false, Value: 'MBeCD3JlcS5leGFtcGxlLmNvbYcEwKgBBQ==' }]);
    expect(csr.Attributes).toEqual([{ Type: [1, 2, 840, 113549, 1, 9, 14], Value: [[{ Type: [2, 5, 29, 17], Value: 'MBeCD3JlcS5leGFtcGxlLmNvbYcEwKgBBQ==' }]] }]);
    expect((callJSON('crypto.x509.parse_certificate_request', Buffer.from(fixture('request.csr')).toString('base64')) as Cert).Raw).toBe(csr.Raw);
  });

  it('rejects other PEM blocks and bad input', () => {
    expect(() => call('crypto.x509.parse_certificate_request', Buffer.from(leaf).toString('base64'))).toThrow('invalid PEM-encoded certificate signing request');
    expect(() => call('crypto.x509.parse_certificate_request', '%%%')).toThrow('illegal base64 data at input byte 0');
  });
});

describe('private keys', () => {
  const pkcs1 = fixture('leaf-key-pkcs1.pem');
  const pkcs8 = fixture('leaf-key-pkcs8.pem');
  const ec = fixture('client-key.pem');

  it('parse_rsa_private_key returns the JWK of the first key', () => {
    const jwk = createPrivateKey(pkcs1).export({ format: 'jwk' });
    expect(callJSON('crypto.x509.parse_rsa_private_key', pkcs1)).toEqual(jwk);
    expect(callJSON('crypto.x509.parse_rsa_private_key', Buffer.from(pkcs8).toString('base64'))).toEqual(jwk);
    expect(callJSON('crypto.x509.parse_rsa_private_key', ec)).toEqual(createPrivateKey(ec).export({ format: 'jwk' }));
    expect(callJSON('crypto.x509.parse_rsa_private_key', leaf)).toBeNull();
    expect(() => call('crypto.x509.parse_rsa_private_key', '')).toThrow('input PEM data was empty');
  });

  it('parse_private_keys returns Go’s JSON of every key', () => {
    const keys = callJSON('crypto.parse_private_keys', pkcs1 + ec) as Cert[];
    const jwk = createPrivateKey(pkcs1).export({ format: 'jwk' });
    expect(keys[0].PublicKey).toEqual({ N: BigInt('0x' + Buffer.from(jwk.n!, 'base64url').toString('hex')), E: 65537 });
    expect(keys[0].Primes).toHaveLength(2);
    expect(Object.keys(keys[0].Precomputed).sort()).toEqual(['CRTValues', 'Dp', 'Dq', 'Qinv']);
    expect(Object.keys(keys[1]).sort()).toEqual(['Curve', 'D', 'X', 'Y']);
    expect(callJSON('crypto.parse_private_keys', '')).toBeNull();
    expect(callJSON('crypto.parse_private_keys', leaf)).toEqual([]);
  });
});

describe('crypto.x509.parse_keypair', () => {
  it('returns Go’s tls.Certificate for a matching certificate and key', () => {
    const pair = callJSON('crypto.x509.parse_keypair', leaf + inter, fixture('leaf-key-pkcs8.pem')) as Cert;
    expect(pair.Certificate).toEqual([derBase64(leaf), derBase64(inter)]);
    expect(pair.Leaf.Subject.CommonName).toBe('example.com');
    expect(pair.PrivateKey.PublicKey.E).toBe(65537);
    expect(pair).toMatchObject({ SupportedSignatureAlgorithms: null, OCSPStaple: null, SignedCertificateTimestamps: null });
  });

  it('fails like tls.X509KeyPair on mismatches and swapped inputs', () => {
    expect(() => call('crypto.x509.parse_keypair', leaf, fixture('client-key.pem'))).toThrow('tls: private key type does not match public key type');
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => call('crypto.x509.parse_keypair', client, otherKey)).toThrow('tls: private key does not match public key');
    expect((callJSON('crypto.x509.parse_keypair', client, fixture('client-key.pem')) as Cert).Leaf.Subject.CommonName).toBe('client.example.com');
    expect(() => call('crypto.x509.parse_keypair', fixture('client-key.pem'), leaf)).toThrow('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    expect(() => call('crypto.x509.parse_keypair', leaf, 1)).toThrow('crypto.x509.parse_keypair: operand 1 must be string but got number');
  });
});
