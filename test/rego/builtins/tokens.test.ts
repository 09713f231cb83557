import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fromJSON } from '../../../lib/rego/value';
import { call, callJSON } from './call';

// RFC 7515 Appendix A.1: an HS256 JWS with exactly these header and payload bytes.
const RFC_HEADER = '{"typ":"JWT",\r\n "alg":"HS256"}';
const RFC_PAYLOAD = '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}';
const RFC_KEY = '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}';
const RFC_TOKEN =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
  '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
  '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

const fixture = (name: string): string => readFileSync(path.join(__dirname, 'fixtures', 'jwt', name), 'utf8');
const secretJWK = (secret: string) => ({ kty: 'oct', k: Buffer.from(secret).toString('base64url') });
const sign = (header: object, payload: object, key: object): string => call('io.jwt.encode_sign', fromJSON(header), fromJSON(payload), fromJSON(key)) as string;

describe('io.jwt.encode_sign and io.jwt.encode_sign_raw', () => {
  it('signs the header and payload bytes as given (RFC 7515 A.1)', () => {
    expect(call('io.jwt.encode_sign_raw', RFC_HEADER, RFC_PAYLOAD, RFC_KEY)).toBe(RFC_TOKEN);
  });

  it('serializes objects as Go does (sorted keys) and signs with HS256/384/512', () => {
    const token = sign({ typ: 'JWT', alg: 'HS256' }, { sub: 'alice' }, secretJWK('secret'));
    expect(token.split('.').slice(0, 2).map((p) => Buffer.from(p, 'base64url').toString())).toEqual(['{"alg":"HS256","typ":"JWT"}', '{"sub":"alice"}']);
    expect(call('io.jwt.verify_hs256', token, 'secret')).toBe(true);
    expect(call('io.jwt.verify_hs256', token, 'other')).toBe(false);
    expect(call('io.jwt.verify_hs384', token, 'secret')).toBe(false);
    for (const bits of [384, 512]) {
      expect(call(`io.jwt.verify_hs${bits}`, sign({ alg: `HS${bits}` }, {}, secretJWK('s')), 's')).toBe(true);
    }
  });

  it('raises for unknown algorithms, keys that do not suit the algorithm and non-JSON JWT payloads', () => {
    expect(() => call('io.jwt.encode_sign_raw', '{"alg":"none"}', '{}', RFC_KEY)).toThrow('io.jwt.encode_sign_raw: unknown JWS algorithm: none');
    expect(() => call('io.jwt.encode_sign_raw', '{"typ":"JWT"}', '{}', RFC_KEY)).toThrow("missing or invalid 'alg' header");
    expect(() => call('io.jwt.encode_sign_raw', '{"alg":"RS256"}', '{}', RFC_KEY)).toThrow('RS256 needs an rsa key');
    expect(() => call('io.jwt.encode_sign_raw', '{"alg":"HS256"}', 'plain text', RFC_KEY)).toThrow('type is JWT but payload is not JSON');
    expect(call('io.jwt.encode_sign_raw', '{"alg":"HS256","typ":"text"}', 'plain text', RFC_KEY)).toMatch(/\.cGxhaW4gdGV4dA\./);
    expect(() => call('io.jwt.encode_sign_raw', '{"alg":"HS256"}', '{}', '{"keys":[]}')).toThrow('no keys found in JWK set');
    expect(() => call('io.jwt.encode_sign_raw', '{"alg":"HS256"}', '{}', 'not json')).toThrow('failed to parse JWK');
  });
});

describe('io.jwt.decode', () => {
  it('returns the header, the payload and the signature in hex', () => {
    const [header, payload, signature] = callJSON('io.jwt.decode', RFC_TOKEN) as [unknown, unknown, string];
    expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(payload).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    expect(signature).toBe(Buffer.from('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'base64url').toString('hex'));
  });

  it('descends into nested tokens (cty: JWT)', () => {
    const inner = sign({ alg: 'HS256' }, { sub: 'inner' }, secretJWK('s'));
    const outer = call('io.jwt.encode_sign_raw', '{"alg":"HS256","cty":"JWT","typ":"text"}', inner, JSON.stringify(secretJWK('s'))) as string;
    expect((callJSON('io.jwt.decode', outer) as unknown[])[1]).toEqual({ sub: 'inner' });
  });

  it('raises for malformed tokens', () => {
    expect(() => call('io.jwt.decode', 'abc')).toThrow('io.jwt.decode: encoded JWT had no period separators');
    expect(() => call('io.jwt.decode', 'a.b')).toThrow('encoded JWT must have 3 sections, found 2');
    expect(() => call('io.jwt.decode', 'a.b.c')).toThrow('JWT header had invalid encoding: illegal base64url string: a');
    const jwe = `${Buffer.from('{"alg":"RSA-OAEP","enc":"A256GCM"}').toString('base64url')}.e30.`;
    expect(() => call('io.jwt.decode', jwe)).toThrow('JWT is a JWE object, which is not supported');
    expect(() => call('io.jwt.decode', `${Buffer.from('[1]').toString('base64url')}.e30.`)).toThrow('bad JWT header: decoded JSON type was not an Object');
    expect(() => call('io.jwt.decode', 'e30.bm90IGpzb24.')).toThrow('invalid JSON: invalid character');
  });
});

describe('io.jwt.verify_* with asymmetric keys', () => {
  it('verifies RS256, PS256 and EdDSA against PEM public keys and JWK sets', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ed = generateKeyPairSync('ed25519');
    const rsaPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    for (const alg of ['RS256', 'PS256', 'RS512']) {
      const token = sign({ alg }, { sub: 'a' }, rsa.privateKey.export({ format: 'jwk' }));
      expect(call(`io.jwt.verify_${alg.toLowerCase()}`, token, rsaPem)).toBe(true);
      expect(call(`io.jwt.verify_${alg.toLowerCase()}`, `${token.slice(0, -4)}AAAA`, rsaPem)).toBe(false);
    }
    const edToken = sign({ alg: 'EdDSA', kid: 'k2' }, {}, ed.privateKey.export({ format: 'jwk' }));
    const jwks = JSON.stringify({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1' }, { ...ed.publicKey.export({ format: 'jwk' }), kid: 'k2' }] });
    expect(call('io.jwt.verify_eddsa', edToken, jwks)).toBe(true);
    expect(call('io.jwt.verify_rs256', edToken, jwks)).toBe(false);
  });

  it('verifies ES256 against an X.509 certificate', () => {
    const token = call('io.jwt.encode_sign_raw', '{"alg":"ES256"}', '{"sub":"a"}', JSON.stringify(privateJWK(fixture('es256-key.pem')))) as string;
    expect(call('io.jwt.verify_es256', token, fixture('es256-cert.pem'))).toBe(true);
    expect(call('io.jwt.verify_es256', token.replace(/\.[^.]+\./, '.eyJzdWIiOiJiIn0.'), fixture('es256-cert.pem'))).toBe(false);
  });

  it('raises for keys it cannot read', () => {
    const token = sign({ alg: 'HS256' }, {}, secretJWK('s'));
    expect(() => call('io.jwt.verify_rs256', token, 'nope')).toThrow('io.jwt.verify_rs256: failed to parse a JWK key (set)');
    expect(() => call('io.jwt.verify_rs256', token, `${fixture('es256-cert.pem')}\nextra`)).toThrow('extra data after a PEM certificate block');
    expect(() => call('io.jwt.verify_rs256', token, fixture('es256-key.pem'))).toThrow('failed to extract a Key from the PEM certificate');
  });
});

describe('io.jwt.decode_verify', () => {
  const token = (payload: object, secret = 'secret', header: object = { alg: 'HS256' }) => sign(header, payload, secretJWK(secret));
  const verify = (t: string, constraints: object) => callJSON('io.jwt.decode_verify', t, constraints) as [boolean, unknown, unknown];
  const UNVERIFIED = [false, {}, {}];

  it('answers [true, header, payload] when the signature and the claims hold', () => {
    expect(verify(token({ sub: 'alice' }), { secret: 'secret', alg: 'HS256' })).toEqual([true, { alg: 'HS256' }, { sub: 'alice' }]);
    expect(verify(token({ iss: 'me', aud: ['x', 'y'] }), { secret: 'secret', iss: 'me', aud: 'y' })).toEqual([true, { alg: 'HS256' }, { iss: 'me', aud: ['x', 'y'] }]);
  });

  it('answers [false, {}, {}] for a wrong secret or alg, issuer, audience or time', () => {
    expect(verify(token({}), { secret: 'other' })).toEqual(UNVERIFIED);
    expect(verify(token({}), { secret: 'secret', alg: 'HS512' })).toEqual(UNVERIFIED);
    expect(verify(token({ iss: 'me' }), { secret: 'secret', iss: 'you' })).toEqual(UNVERIFIED);
    expect(verify(token({}), { secret: 'secret', iss: 'me' })).toEqual(UNVERIFIED);
    expect(verify(token({ aud: 'x' }), { secret: 'secret' })).toEqual(UNVERIFIED);
    expect(verify(token({}), { secret: 'secret', aud: 'x' })).toEqual(UNVERIFIED);
    // The test clock is 2021-03-04; exp and nbf are in seconds, the time constraint in ns.
    expect(verify(token({ exp: 1614834367 }), { secret: 'secret' })).toEqual(UNVERIFIED);
    expect(verify(token({ exp: 1614834368 }), { secret: 'secret' })[0]).toBe(true);
    expect(verify(token({ nbf: 1614834368 }), { secret: 'secret' })).toEqual(UNVERIFIED);
    expect(verify(token({ nbf: 1614834368 }), { secret: 'secret', time: 1614834368e9 })[0]).toBe(true);
    expect(verify(token({}, 'secret', { alg: 'HS256', crit: ['x'], x: 1 }), { secret: 'secret' })).toEqual(UNVERIFIED);
  });

  it('verifies with the cert constraint, preferring the key named by kid', () => {
    const es = JSON.stringify(privateJWK(fixture('es256-key.pem')));
    const t = call('io.jwt.encode_sign_raw', '{"alg":"ES256"}', '{"sub":"a"}', es) as string;
    expect(verify(t, { cert: fixture('es256-cert.pem') })[0]).toBe(true);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs = sign({ alg: 'RS256', kid: 'good' }, {}, rsa.privateKey.export({ format: 'jwk' }));
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    const set = (kid: string) => JSON.stringify({ keys: [{ ...other, kid }, { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'good', alg: 'RS256' }] });
    expect(verify(rs, { cert: set('bad') })[0]).toBe(true);
    expect(verify(rs, { cert: set('good') })[0]).toBe(false);
  });

  it('raises for malformed constraints and claims', () => {
    expect(() => verify(token({}), { secret: 'secret', sub: 'alice' })).toThrow('io.jwt.decode_verify: unknown token validation constraint: sub');
    expect(() => verify(token({}), {})).toThrow('no key constraint');
    expect(() => verify(token({}), { secret: 's', cert: fixture('es256-cert.pem') })).toThrow('duplicate key constraints');
    expect(() => verify(token({}), { secret: 1 })).toThrow('secret constraint: must be a string');
    expect(() => verify(token({}), { secret: 's', time: -1 })).toThrow('token time constraint: must not be negative');
    expect(() => verify(token({ exp: 'soon' }), { secret: 'secret' })).toThrow('exp value must be a number');
    expect(() => verify('a.b', { secret: 'secret' })).toThrow('encoded JWT must have 3 sections, found 2');
  });
});

/** The private JWK of a PEM private key. */
function privateJWK(pem: string): object {
  return createPrivateKey(pem).export({ format: 'jwk' });
}
