import { fromJSON } from '../../../lib/rego/value';
import { call, callJSON } from './call';

describe('http.send without a network', () => {
  it('raises OPA’s client error: a name does not resolve, an address is unreachable', () => {
    expect(() => call('http.send', obj({ method: 'get', url: 'https://example.com/x' }))).toThrow(
      'http.send: Get "https://example.com/x": dial tcp: lookup example.com: no such host',
    );
    expect(() => call('http.send', obj({ method: 'POST', url: 'http://10.1.2.3:8080/' }))).toThrow(
      'http.send: Post "http://10.1.2.3:8080/": dial tcp 10.1.2.3:8080: connect: network is unreachable',
    );
    expect(() => call('http.send', obj({ method: 'get', url: 'ftp://host/' }))).toThrow('http.send: Get "ftp://host/": unsupported protocol scheme "ftp"');
  });

  it('raises even when strict builtin errors are off (OPA’s http.send errors halt)', () => {
    try {
      call('http.send', obj({ method: 'get', url: 'https://example.com' }));
      throw new Error('no error');
    } catch (e) {
      expect((e as { kind?: string }).kind).toBe('BuiltinHaltError');
    }
  });

  it('returns status_code 0 and the error object when raise_error is false', () => {
    expect(callJSON('http.send', { method: 'get', url: 'https://example.com', raise_error: false })).toEqual({
      status_code: 0,
      error: { code: 'eval_http_send_network_error', message: 'Get "https://example.com": dial tcp: lookup example.com: no such host' },
    });
    expect(callJSON('http.send', { method: 'get', raise_error: false })).toEqual({
      status_code: 0,
      error: { code: 'eval_http_send_internal_error', message: 'eval_type_error: http.send: operand 1 missing required request parameters(s): {"url"}' },
    });
  });

  it('rejects unknown and missing request keys with OPA’s messages', () => {
    expect(() => call('http.send', obj({ method: 'get', url: 'http://x', bogus: 1 }))).toThrow('http.send: operand 1 invalid request parameters(s): {"bogus"}');
    expect(() => call('http.send', obj({}))).toThrow('http.send: operand 1 missing required request parameters(s): {"method", "url"}');
    expect(() => call('http.send', obj({ method: 'get', url: 'http://x', raise_error: 'no' }))).toThrow('http.send: invalid value for raise_error field');
    expect(() => call('http.send', 'x')).toThrow('http.send: operand 1 must be object but got string');
  });
});

describe('net.lookup_ip_addr without a network', () => {
  it('answers an address literal itself, as Go’s resolver does', () => {
    expect(callJSON('net.lookup_ip_addr', '127.0.0.1')).toEqual(['127.0.0.1']);
    expect(callJSON('net.lookup_ip_addr', '2001:db8:0::1')).toEqual(['2001:db8::1']);
  });

  it('fails to resolve a name with Go’s DNS error', () => {
    expect(() => call('net.lookup_ip_addr', 'example.com')).toThrow('net.lookup_ip_addr: lookup example.com: no such host');
    expect(() => call('net.lookup_ip_addr', 1)).toThrow('net.lookup_ip_addr: operand 1 must be string but got number');
  });
});

const obj = (x: Record<string, unknown>) => fromJSON(x);
