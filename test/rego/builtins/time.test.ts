import { call, callJSON, context } from './call';

describe('time builtins', () => {
  it('returns the evaluation clock from time.now_ns', () => {
    expect(call('time.now_ns')).toBe(context.nowNs);
  });

  it('parses RFC 3339 with offsets and fractions, rejecting bad dates', () => {
    expect(call('time.parse_rfc3339_ns', '2017-06-02T19:00:00-07:00')).toBe(1496455200000000000n);
    expect(call('time.parse_rfc3339_ns', '1970-01-01T00:00:00.5Z')).toBe(500000000);
    expect(() => call('time.parse_rfc3339_ns', '2017-13-02T19:00:00Z')).toThrow('parsing time "2017-13-02T19:00:00Z": month out of range');
    expect(() => call('time.parse_rfc3339_ns', 'foo')).toThrow('cannot parse "foo" as "2006"');
  });

  it('parses Go layouts and named layouts', () => {
    expect(call('time.parse_ns', '2006-01-02', '2022-03-04')).toBe(1646352000000000000n);
    expect(call('time.parse_ns', 'RFC822Z', '04 Mar 22 01:02 +0100')).toBe(1646352120000000000n);
    expect(call('time.parse_ns', 'Jan 2 2006 3:04PM', 'Mar 4 2022 1:02PM')).toBe(1646398920000000000n);
    expect(() => call('time.parse_ns', '2006-01-02', '2022-02-30')).toThrow('day out of range');
  });

  it('parses Go durations', () => {
    expect(call('time.parse_duration_ns', '1h30m')).toBe(5400000000000);
    expect(call('time.parse_duration_ns', '-1.5s')).toBe(-1500000000);
    expect(call('time.parse_duration_ns', '0')).toBe(0);
    expect(() => call('time.parse_duration_ns', '1')).toThrow('time: missing unit in duration "1"');
    expect(() => call('time.parse_duration_ns', '1d')).toThrow('time: unknown unit "d" in duration "1d"');
  });

  it('splits instants into date, clock and weekday in a time zone', () => {
    const ns = 1496455200123456789n; // 2017-06-03T02:00:00Z
    expect(callJSON('time.date', ns)).toEqual([2017, 6, 3]);
    expect(callJSON('time.date', [ns, 'America/New_York'])).toEqual([2017, 6, 2]);
    expect(callJSON('time.clock', [ns, 'America/New_York'])).toEqual([22, 0, 0]);
    expect(call('time.weekday', ns)).toBe('Saturday');
    expect(call('time.format', [ns, 'America/New_York'])).toBe('2017-06-02T22:00:00.123456789-04:00');
    expect(call('time.format', [ns, 'UTC', 'Mon Jan _2 15:04:05 MST 2006'])).toBe('Sat Jun  3 02:00:00 UTC 2017');
    expect(() => call('time.date', [ns, 'Mars/Olympus'])).toThrow('unknown time zone Mars/Olympus');
    expect(() => call('time.date', 'x')).toThrow('operand 1 must be either number (ns) or [number (ns), string (tz)] but got string');
  });

  it('adds calendar units with Go normalisation and measures differences', () => {
    const jan31 = call('time.parse_ns', '2006-01-02', '2021-01-31')!;
    expect(call('time.add_date', jan31, 0, 1, 0)).toBe(call('time.parse_ns', '2006-01-02', '2021-03-03'));
    expect(() => call('time.add_date', jan31, 1000, 0, 0)).toThrow('time outside of valid range');
    const a = call('time.parse_rfc3339_ns', '2020-01-31T10:00:00Z')!;
    const b = call('time.parse_rfc3339_ns', '2021-03-01T09:30:15Z')!;
    expect(callJSON('time.diff', a, b)).toEqual([1, 1, 0, 23, 30, 15]);
  });
});
