import { call, callJSON } from './call';
import { RegoSet } from '../../../lib/rego/value';
import { parseNumberLiteral } from '../../../lib/rego/number';

describe('sprintf', () => {
  it('formats numbers with Go verbs, widths and precision', () => {
    expect(callJSON('sprintf', 'hi %02d', [5])).toBe('hi 05');
    expect(callJSON('sprintf', '%02X.%02X', [127, 1])).toBe('7F.01');
    expect(callJSON('sprintf', '%.2f', [3.1415])).toBe('3.14');
    expect(callJSON('sprintf', '%-10.3f|', [3.14159])).toBe('3.142     |');
    expect(callJSON('sprintf', '%e %g %v', [1234.5678, 0.00001, 1500000.5])).toBe('1.234568e+03 1e-05 1.5000005e+06');
    expect(callJSON('sprintf', '%.0f %.2f', [2.5, 0.125])).toBe('2 0.12');
    expect(callJSON('sprintf', '%#x %o %b', [255, 8, 5])).toBe('0xff 10 101');
  });

  it('prints big integers exactly and composites in Rego syntax', () => {
    expect(call('sprintf', '%s', [123456789123456789123n])).toBe('123456789123456789123');
    expect(callJSON('sprintf', 'hi %v', [['there', 5, 3.14]])).toBe('hi ["there", 5, 3.14]');
    expect(call('sprintf', '%v', [new RegoSet(['b', 'a'])])).toBe('{"a", "b"}');
    expect(callJSON('sprintf', '%v %s', [{ k: 1 }, true])).toBe('{"k": 1} true');
    expect(callJSON('sprintf', '%q', ['a"b'])).toBe('"a\\"b"');
  });

  it('prints number literals beyond float64 as written and rounds the others', () => {
    expect(call('sprintf', 'hi %v', [parseNumberLiteral('2e308')])).toBe('hi 2e308');
    expect(call('sprintf', '%v', [parseNumberLiteral('-1e400')])).toBe('-1e400');
    expect(call('sprintf', '%v', [parseNumberLiteral('1e-400')])).toBe('0');
    expect(call('sprintf', '%.3f', [parseNumberLiteral('0.12345678901234567890123')])).toBe('0.123');
  });

  it('reports wrong verbs and argument counts the way Go does', () => {
    expect(callJSON('sprintf', '%d', ['x'])).toBe('%!d(string=x)');
    expect(callJSON('sprintf', '%s', [5])).toBe('%!s(int=5)');
    expect(callJSON('sprintf', '%d %d', [1])).toBe('1 %!d(MISSING)');
    expect(callJSON('sprintf', '%d', [1, 'a'])).toBe('1%!(EXTRA string=a)');
    expect(callJSON('sprintf', '100%%', [])).toBe('100%');
  });

  it('requires an array of operands', () => {
    expect(() => callJSON('sprintf', '%v', 'x')).toThrow('sprintf: operand 2 must be array but got string');
  });
});
