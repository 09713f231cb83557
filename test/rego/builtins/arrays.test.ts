import { callJSON } from './call';

describe('array builtins', () => {
  it('concatenates, slices with clamped bounds and reverses', () => {
    expect(callJSON('array.concat', [1, 2], [3])).toEqual([1, 2, 3]);
    expect(callJSON('array.slice', [1, 2, 3, 4], 1, 3)).toEqual([2, 3]);
    expect(callJSON('array.slice', [1, 2, 3], -5, 10)).toEqual([1, 2, 3]);
    expect(callJSON('array.slice', [1, 2, 3], 2, 1)).toEqual([]);
    expect(callJSON('array.reverse', [1, 2, 3])).toEqual([3, 2, 1]);
  });

  it('flattens one level, keeping non-array members and deeper arrays', () => {
    expect(callJSON('array.flatten', [])).toEqual([]);
    expect(callJSON('array.flatten', [[1, 2], [3], []])).toEqual([1, 2, 3]);
    expect(callJSON('array.flatten', [[[1], [2, []]], 'x', { a: 'b' }, 4.5])).toEqual([[1], [2, []], 'x', { a: 'b' }, 4.5]);
  });

  it('rejects operands of the wrong type', () => {
    expect(() => callJSON('array.concat', [1], 'x')).toThrow('array.concat: operand 2 must be array but got string');
    expect(() => callJSON('array.flatten', 42)).toThrow('array.flatten: operand 1 must be array but got number');
    expect(() => callJSON('array.slice', [1], 0.5, 1)).toThrow('operand 2 must be integer number but got floating-point number');
  });
});
