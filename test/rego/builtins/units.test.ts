import { call } from './call';

describe('units builtins', () => {
  it('parses SI and binary suffixes exactly, keeping m (milli) and M (mega) apart', () => {
    expect(call('units.parse', '500m')).toBe(0.5);
    expect(call('units.parse', '0.0005K')).toBe(0.5);
    expect(call('units.parse', '10m')).toBe(0.01);
    expect(call('units.parse', '1.1Ki')).toBe(1126.4);
    expect(call('units.parse', '200M')).toBe(200000000);
    expect(call('units.parse', '10Ei')).toBe(11529215046068469760n);
    expect(call('units.parse', '1e3')).toBe(1000);
    expect(call('units.parse', '1.5e-2K')).toBe(15);
    expect(call('units.parse', '"100TI"')).toBe(109951162777600);
  });

  it('raises OPA messages for bad amounts, units and spaces', () => {
    expect(() => call('units.parse', 'G')).toThrow('units.parse: units.parse: no amount provided');
    expect(() => call('units.parse', '0.0.0')).toThrow('units.parse: could not parse amount to a number');
    expect(() => call('units.parse', '100 k')).toThrow('units.parse: spaces not allowed in resource strings');
    expect(() => call('units.parse', '1x')).toThrow('units.parse: unit x not recognized');
    expect(() => call('units.parse', '1e1234567')).toThrow('units.parse: exponent too large');
  });

  it('parses byte sizes case-insensitively, truncating fractions', () => {
    expect(call('units.parse_bytes', '1.1KiB')).toBe(1126);
    expect(call('units.parse_bytes', '10KB')).toBe(10000);
    expect(call('units.parse_bytes', '100mib')).toBe(104857600);
    expect(call('units.parse_bytes', '10eib')).toBe(11529215046068469760n);
    expect(call('units.parse_bytes', '.0')).toBe(0);
    expect(() => call('units.parse_bytes', 'foo')).toThrow('units.parse_bytes: no byte amount provided');
    expect(() => call('units.parse_bytes', '1zb')).toThrow('units.parse_bytes: byte unit zb not recognized');
  });
});
