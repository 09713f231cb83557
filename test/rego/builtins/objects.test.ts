import { call, callJSON } from './call';
import { RegoObject } from '../../../lib/rego/value';

describe('object builtins', () => {
  it('gets keys and paths with a default', () => {
    expect(callJSON('object.get', { a: 'b' }, 'a', 'c')).toBe('b');
    expect(callJSON('object.get', { a: 'b' }, 'x', 'c')).toBe('c');
    expect(callJSON('object.get', { a: { b: [{ c: 1 }] } }, ['a', 'b', 0, 'c'], 2)).toBe(1);
    expect(callJSON('object.get', { a: { b: [1] } }, ['a', 'b', 'a'], 2)).toBe(2);
    expect(callJSON('object.get', { a: 1 }, [], 2)).toEqual({ a: 1 });
    expect(call('object.get', new RegoObject([[[1, 2], 'v']]), [[1, 2]], 0)).toBe('v');
    expect(() => callJSON('object.get', 'object', ['a'], 2)).toThrow('object.get: operand 1 must be object but got string');
  });

  it('lists keys as a set', () => {
    expect(callJSON('object.keys', { b: 1, a: 2 })).toEqual(['a', 'b']);
    expect(() => callJSON('object.keys', [])).toThrow('object.keys: operand 1 must be object but got array');
  });

  it('merges recursively with the right side winning', () => {
    expect(callJSON('object.union', { a: { b: { c: 1 } }, e: 1 }, { a: { b: 'foo', b1: 'bar' }, d: 7, e: 17 }))
      .toEqual({ a: { b: 'foo', b1: 'bar' }, d: 7, e: 17 });
    expect(callJSON('object.union_n', [{ a: { b: 2 } }, { a: 4 }, { a: { c: 3 } }])).toEqual({ a: { c: 3 } });
    expect(callJSON('object.union_n', [{ a: { b: 2 } }, { a: { c: 3 } }])).toEqual({ a: { b: 2, c: 3 } });
    expect(() => callJSON('object.union_n', [{}, 1])).toThrow('operand 1 must be array of objects but got array containing number');
  });

  it('removes and keeps keys given as array, set or object', () => {
    expect(callJSON('object.remove', { a: 1, b: 2, c: 3 }, ['a', 'c'])).toEqual({ b: 2 });
    expect(callJSON('object.filter', { a: 1, b: 2, c: 3 }, { a: 0, z: 0 })).toEqual({ a: 1 });
    expect(() => callJSON('object.remove', { a: 1 }, 'a')).toThrow('operand 2 must be one of {object, set, array} but got string');
  });

  it('checks subsets of objects, sets and arrays', () => {
    expect(callJSON('object.subset', { a: 'b', c: { x: [10, 15, 20, 25], y: 'z' } }, { c: { x: [15, 20] } })).toBe(true);
    expect(callJSON('object.subset', { a: 1 }, { a: 2 })).toBe(false);
    expect(callJSON('object.subset', [1, 2, 3, 4], [2, 3])).toBe(true);
    expect(callJSON('object.subset', [1, 2, 3, 4], [2, 4])).toBe(false);
    expect(() => callJSON('object.subset', { a: 1 }, [1])).toThrow('both arguments object.subset must be of the same type or array and set');
  });
});
