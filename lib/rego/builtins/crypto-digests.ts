/**
 * Digest and HMAC builtins (OPA topdown/crypto.go): crypto.md5/sha1/sha256 and
 * crypto.hmac.* give lowercase hex of the UTF-8 bytes; crypto.hmac.equal
 * compares two MACs in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { T, defineBuiltin } from './registry';

for (const [name, algorithm] of [['md5', 'md5'], ['sha1', 'sha1'], ['sha256', 'sha256']] as const) {
  defineBuiltin({
    name: `crypto.${name}`,
    args: [T.string],
    fn: ([text]) => createHash(algorithm).update(text as string, 'utf8').digest('hex'),
  });
}

for (const algorithm of ['md5', 'sha1', 'sha256', 'sha512'] as const) {
  defineBuiltin({
    name: `crypto.hmac.${algorithm}`,
    args: [T.string, T.string],
    fn: ([message, key]) => createHmac(algorithm, Buffer.from(key as string, 'utf8')).update(message as string, 'utf8').digest('hex'),
  });
}

defineBuiltin({
  name: 'crypto.hmac.equal',
  args: [T.string, T.string],
  // Like Go's hmac.Equal: different lengths are unequal without comparing bytes.
  fn: ([a, b]) => {
    const x = Buffer.from(a as string, 'utf8');
    const y = Buffer.from(b as string, 'utf8');
    return x.length === y.length && timingSafeEqual(x, y);
  },
});
