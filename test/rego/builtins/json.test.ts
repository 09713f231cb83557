import { call, callJSON } from './call';
import { RegoSet } from '../../../lib/rego/value';

describe('json builtins', () => {
  it('marshals like Go: sorted keys, sets as sorted arrays, HTML-safe escapes', () => {
    expect(callJSON('json.marshal', { b: [1, 2.5], a: '<&>' })).toBe('{"a":"\\u003c\\u0026\\u003e","b":[1,2.5]}');
    expect(call('json.marshal', new RegoSet(['b', 'a']))).toBe('["a","b"]');
    expect(call('json.marshal', 12345678901234567890n)).toBe('12345678901234567890');
  });

  it('marshals with indentation options', () => {
    expect(callJSON('json.marshal_with_options', { a: [1] }, { pretty: true })).toBe('{\n\t"a": [\n\t\t1\n\t]\n}');
    expect(callJSON('json.marshal_with_options', { a: 1 }, { indent: '  ', prefix: '> ' })).toBe('> {\n>   "a": 1\n> }');
    expect(callJSON('json.marshal_with_options', { a: 1 }, { indent: '  ', pretty: false })).toBe('{"a":1}');
    expect(() => callJSON('json.marshal_with_options', 1, { colour: true })).toThrow('operand 2 object contained unknown key colour');
  });

  it('unmarshals exactly and reports Go syntax errors', () => {
    expect(callJSON('json.unmarshal', '{"a": [1, true, null, "x"]}')).toEqual({ a: [1, true, null, 'x'] });
    expect(call('json.unmarshal', '123456789012345678901')).toBe(123456789012345678901n);
    expect(() => call('json.unmarshal', '{"a": }')).toThrow("json.unmarshal: invalid character '}' looking for beginning of value");
    expect(() => call('json.unmarshal', '[1')).toThrow('unexpected end of JSON input');
    expect(call('json.is_valid', '{"a": 1}')).toBe(true);
    expect(call('json.is_valid', '{a: 1}')).toBe(false);
  });

  it('applies RFC 6902 patches and is undefined when one fails', () => {
    const doc = { a: { b: [1, 2] }, c: 1 };
    expect(callJSON('json.patch', doc, [
      { op: 'add', path: '/a/b/-', value: 3 },
      { op: 'add', path: '/a/b/0', value: 0 },
      { op: 'replace', path: '/c', value: 2 },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'move', from: '/d', path: '/e' },
      { op: 'remove', path: '/a/b/1' },
      { op: 'test', path: '/e', value: 2 },
    ])).toEqual({ a: { b: [0, 2, 3] }, c: 2, e: 2 });
    expect(callJSON('json.patch', doc, [{ op: 'test', path: '/c', value: 5 }])).toBeUndefined();
    expect(callJSON('json.patch', doc, [{ op: 'remove', path: '/x' }])).toBeUndefined();
    expect(callJSON('json.patch', doc, [{ op: 'jump', path: '/c' }])).toBeUndefined();
    expect(callJSON('json.patch', doc, [{ op: 'add', path: ['a', 'x'], value: 1 }])).toEqual({ a: { b: [1, 2], x: 1 }, c: 1 });
  });

  it('filters and removes by JSON pointer and path arrays', () => {
    const doc = { a: { b: 1, c: [10, 20] }, d: 2 };
    expect(callJSON('json.filter', doc, ['a/b', '/d'])).toEqual({ a: { b: 1 }, d: 2 });
    expect(callJSON('json.filter', doc, [['a', 'c', '1']])).toEqual({ a: { c: [20] } });
    expect(callJSON('json.remove', doc, ['/a/c/0', 'd'])).toEqual({ a: { b: 1, c: [20] } });
    expect(() => callJSON('json.filter', doc, [1])).toThrow('operand 2 must be one of {set, array} containing string paths or array of path segments but got number');
    expect(() => callJSON('json.remove', doc, 'a')).toThrow('operand 2 must be one of {set, array} but got string');
  });
});
