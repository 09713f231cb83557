import { call, callJSON } from './call';

describe('encoding builtins', () => {
  it('encodes and strictly decodes base64', () => {
    expect(call('base64.encode', 'hello')).toBe('aGVsbG8=');
    expect(call('base64.decode', 'aGVsbG8=')).toBe('hello');
    expect(call('base64.is_valid', 'aGVsbG8=')).toBe(true);
    expect(call('base64.is_valid', 'aGVsbG8')).toBe(false);
    expect(() => call('base64.decode', 'aGV$bG8=')).toThrow('base64.decode: illegal base64 data at input byte 3');
  });

  it('encodes base64url with and without padding and decodes unpadded input', () => {
    expect(call('base64url.encode', 'a?b>')).toBe('YT9iPg==');
    expect(call('base64url.encode_no_pad', 'a?b>')).toBe('YT9iPg');
    expect(call('base64url.decode', 'YT9iPg')).toBe('a?b>');
    expect(() => call('base64url.decode', 'YT9iP')).toThrow('illegal base64url string: YT9iP');
  });

  it('encodes and decodes hex', () => {
    expect(call('hex.encode', 'hi')).toBe('6869');
    expect(call('hex.decode', '6869')).toBe('hi');
    expect(() => call('hex.decode', '686')).toThrow('encoding/hex: odd length hex string');
    expect(() => call('hex.decode', '6g')).toThrow("encoding/hex: invalid byte: U+0067 'g'");
  });

  it('escapes and unescapes URL query text like Go', () => {
    expect(call('urlquery.encode', 'a b&c=d/é')).toBe('a+b%26c%3Dd%2F%C3%A9');
    expect(call('urlquery.decode', 'a+b%26c')).toBe('a b&c');
    expect(() => call('urlquery.decode', '%zz')).toThrow('invalid URL escape "%zz"');
  });

  it('encodes and decodes query objects with sorted keys', () => {
    expect(callJSON('urlquery.encode_object', { b: ['2', '1'], a: 'x y' })).toBe('a=x+y&b=2&b=1');
    expect(() => callJSON('urlquery.encode_object', { a: 1 })).toThrow('expected value to be string or array of strings');
    expect(callJSON('urlquery.decode_object', 'a=1&b=2&a=3')).toEqual({ a: ['1', '3'], b: ['2'] });
  });
});
