import { RegoObject, RegoSet, compare, equal, format, fromJSON, keyOf, sortValues, stringifyJSON, toJSON, typeName } from '../../lib/rego/value';
import { Decimal, add, div, mul, parseNumber, parseNumberLiteral, rem } from '../../lib/rego/number';

describe('Rego values', () => {
  it('treats 1 and 1.0 and an exact big integer of the same value as equal', () => {
    expect(equal(1, 1.0)).toBe(true);
    expect(equal(parseNumber('100000000000000000000'), 1e20)).toBe(true);
    expect(keyOf(parseNumber('100000000000000000000'))).toBe(keyOf(1e20));
    expect(equal(1, 2)).toBe(false);
  });

  it('orders values like OPA: null < boolean < number < string < array < object < set', () => {
    const values = [new RegoSet([1]), new RegoObject([['a', 1]]), [1], 'a', 2, true, null];
    expect(sortValues(values).map(typeName)).toEqual(['null', 'boolean', 'number', 'string', 'array', 'object', 'set']);
    expect(compare([1, 2], [1, 3])).toBeLessThan(0);
    expect(compare([1, 2], [1])).toBeGreaterThan(0);
  });

  it('compares objects and sets regardless of insertion order', () => {
    expect(equal(new RegoObject([['a', 1], ['b', 2]]), new RegoObject([['b', 2], ['a', 1]]))).toBe(true);
    expect(equal(new RegoSet([1, 2]), new RegoSet([2, 1]))).toBe(true);
    expect(equal(new RegoSet([1, 2]), new RegoSet([1, 3]))).toBe(false);
  });

  it('wraps JSON objects lazily and reads members on demand', () => {
    const plain = { a: { b: [1, { c: 'x' }] } };
    const v = fromJSON(plain) as RegoObject;
    expect(v).toBeInstanceOf(RegoObject);
    const b = (v.get('a') as RegoObject).get('b') as unknown[];
    expect((b[1] as RegoObject).get('c')).toBe('x');
    expect(v.get('missing')).toBeUndefined();
    expect(fromJSON([1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('converts sets to sorted arrays and non-string keys to JSON text', () => {
    const o = new RegoObject([[1, new RegoSet([3, 1, 2])]]);
    expect(toJSON(o)).toEqual({ '1': [1, 2, 3] });
  });

  it('prints values the way OPA does', () => {
    expect(format(new RegoObject([['b', [1, 'x']], ['a', null]]))).toBe('{"a": null, "b": [1, "x"]}');
    expect(format(new RegoSet())).toBe('set()');
    expect(format(new RegoSet(['b', 'a']))).toBe('{"a", "b"}');
  });

  it('prints big integers exactly in JSON', () => {
    expect(stringifyJSON({ n: parseNumber('18446744073709551617') })).toBe('{"n":18446744073709551617}');
  });
});

describe('Rego numbers', () => {
  it('keeps integer arithmetic exact beyond 2^53', () => {
    expect(String(add(parseNumber('18446744073709551617'), 1))).toBe('18446744073709551618');
    expect(String(mul(parseNumber('9007199254740993'), 2))).toBe('18014398509481986');
  });

  it('divides to an integer only when the divisor divides the dividend', () => {
    expect(div(6, 3)).toBe(2);
    expect(div(1, 4)).toBe(0.25);
    expect(div(1, 0)).toBeUndefined();
  });

  it('keeps literals beyond float64 exact for comparison', () => {
    const tiny = parseNumberLiteral('1e-400');
    expect(tiny).toBeInstanceOf(Decimal);
    expect(compare(tiny, 0)).toBeGreaterThan(0);
    expect(compare(parseNumberLiteral('0.1234567890123456789'), parseNumberLiteral('0.1234567890123456788'))).toBeGreaterThan(0);
    expect(compare(parseNumberLiteral('1e400'), parseNumberLiteral('1e399'))).toBeGreaterThan(0);
    expect(format(parseNumberLiteral('2e308'))).toBe('2e308');
    expect(parseNumberLiteral('0.1')).toBe(0.1);
  });

  it('takes the sign of the dividend for remainders', () => {
    expect(rem(-17, 5)).toBe(-2);
    expect(rem(17, -5)).toBe(2);
  });
});
