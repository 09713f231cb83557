import { call, callJSON } from './call';

describe('net.cidr_merge', () => {
  it('merges adjacent networks (OPA documented example) and drops contained ones', () => {
    expect(callJSON('net.cidr_merge', ['192.0.128.0/24', '192.0.129.0/24'])).toEqual(['192.0.128.0/23']);
    expect(callJSON('net.cidr_merge', ['10.0.0.0/8', '10.1.0.0/16', '10.0.0.0/8'])).toEqual(['10.0.0.0/8']);
    expect(callJSON('net.cidr_merge', ['192.0.128.0/24', '192.0.130.0/24'])).toEqual(['192.0.128.0/24', '192.0.130.0/24']);
  });

  it('covers a merged range that is no single prefix with the fewest CIDRs', () => {
    expect(callJSON('net.cidr_merge', ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/32'])).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/32']);
    expect(callJSON('net.cidr_merge', ['10.0.0.0/25', '10.0.0.128/26', '10.0.0.192/26'])).toEqual(['10.0.0.0/24']);
  });

  it('handles IPv6 with prefixes (OPA conformance cases) and keeps families apart', () => {
    expect(callJSON('net.cidr_merge', ['2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128'])).toEqual(['2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128']);
    expect(callJSON('net.cidr_merge', ['2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64', '2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128'])).toEqual(['2601:600:8a80:207e::/64']);
    expect(callJSON('net.cidr_merge', ['2001:db8::/33', '2001:db8:8000::/33', '0.0.0.0/0'])).toEqual(['0.0.0.0/0', '2001:db8::/32']);
  });

  it('gives a bare IPv4 address its classful mask, as Go’s DefaultMask does', () => {
    expect(callJSON('net.cidr_merge', ['10.1.2.3'])).toEqual(['10.1.2.3/8']);
    expect(callJSON('net.cidr_merge', ['192.168.1.7', '192.168.1.0/24'])).toEqual(['192.168.1.0/24']);
  });

  it('fails on bad members and operands with OPA’s messages', () => {
    expect(() => call('net.cidr_merge', ['2601:600:8a80:207e:a57d:7567:e2c9:e7b3'])).toThrow('net.cidr_merge: IPv6 invalid: needs prefix length');
    expect(() => call('net.cidr_merge', [1])).toThrow('net.cidr_merge: element must be string');
    expect(() => call('net.cidr_merge', ['10.0.0.0/33'])).toThrow('net.cidr_merge: invalid CIDR address: 10.0.0.0/33');
    expect(() => call('net.cidr_merge', '10.0.0.0/8')).toThrow('net.cidr_merge: operand must be an array');
  });
});
