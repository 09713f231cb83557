import { call } from './call';

describe('digest builtins', () => {
  it('hashes the UTF-8 bytes to lowercase hex (FIPS 180 / RFC 1321 "abc" vectors)', () => {
    expect(call('crypto.md5', 'abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(call('crypto.sha1', 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call('crypto.sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // Non-ASCII text is hashed as UTF-8, as Go's []byte(string) does.
    expect(call('crypto.sha1', '\u00e9')).toBe('bf15be717ac1b080b4f1c456692825891ff5073d');
    expect(call('crypto.sha256', '')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('computes HMACs of message with key (RFC 2202 / RFC 4231 test case 2)', () => {
    const msg = 'what do ya want for nothing?';
    expect(call('crypto.hmac.md5', msg, 'Jefe')).toBe('750c783e6ab0b503eaa86e310a5db738');
    expect(call('crypto.hmac.sha1', msg, 'Jefe')).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    expect(call('crypto.hmac.sha256', msg, 'Jefe')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(call('crypto.hmac.sha512', msg, 'Jefe')).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
  });

  it('compares MACs: equal only for the same bytes, different lengths are unequal', () => {
    expect(call('crypto.hmac.equal', 'abc', 'abc')).toBe(true);
    expect(call('crypto.hmac.equal', 'abc', 'abd')).toBe(false);
    expect(call('crypto.hmac.equal', 'abc', 'abcd')).toBe(false);
  });

  it('rejects operands that are not strings with OPA type errors', () => {
    expect(() => call('crypto.sha256', 1)).toThrow('crypto.sha256: operand 1 must be string but got number');
    expect(() => call('crypto.hmac.sha256', 'x', null)).toThrow('crypto.hmac.sha256: operand 2 must be string but got null');
    expect(() => call('crypto.hmac.equal', [], 'x')).toThrow('crypto.hmac.equal: operand 1 must be string but got array');
  });
});
