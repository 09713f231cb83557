import { call, callJSON } from './call';

describe('net builtins', () => {
  it('checks containment of addresses and networks, IPv4 and IPv6', () => {
    expect(call('net.cidr_contains', '10.0.0.0/8', '10.1.2.3')).toBe(true);
    expect(call('net.cidr_contains', '10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(call('net.cidr_contains', '10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(call('net.cidr_contains', '10.0.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(call('net.cidr_contains', '2001:db8::/32', '2001:db8:1::1')).toBe(true);
    expect(call('net.cidr_contains', '10.0.0.0/8', '::ffff:10.0.0.1')).toBe(true);
    expect(() => call('net.cidr_contains', '10.0.0.0/8', 'nope')).toThrow('not a valid textual representation of an IP address or CIDR: nope');
    expect(() => call('net.cidr_contains', '10.0.0.0', '10.0.0.1')).toThrow('invalid CIDR address: 10.0.0.0');
  });

  it('checks intersection and validity', () => {
    expect(call('net.cidr_intersects', '10.0.0.0/8', '10.2.0.0/16')).toBe(true);
    expect(call('net.cidr_intersects', '10.0.0.0/16', '10.2.0.0/16')).toBe(false);
    expect(call('net.cidr_is_valid', 'fd00::/8')).toBe(true);
    expect(call('net.cidr_is_valid', '10.0.0.0/33')).toBe(false);
    expect(call('net.cidr_is_valid', '010.0.0.0/8')).toBe(false);
    expect(call('net.cidr_is_valid', 7)).toBe(false);
  });

  it('expands small networks and refuses huge ones', () => {
    expect(callJSON('net.cidr_expand', '192.168.1.0/30')).toEqual(['192.168.1.0', '192.168.1.1', '192.168.1.2', '192.168.1.3']);
    expect(callJSON('net.cidr_expand', '2001:db8::/127')).toEqual(['2001:db8::', '2001:db8::1']);
    expect(() => call('net.cidr_expand', '10.0.0.0/8')).toThrow('refusing to expand');
  });

  it('matches collections of networks against addresses with their indexes', () => {
    expect(callJSON('net.cidr_contains_matches', ['10.0.0.0/8', '192.168.0.0/16'], { x: '10.1.1.1', y: ['192.168.1.1', 'extra'] }))
      .toEqual([[0, 'x'], [1, 'y']]);
    expect(() => callJSON('net.cidr_contains_matches', [1], '10.0.0.1')).toThrow('operand 1: element must be string or non-empty array');
  });
});
