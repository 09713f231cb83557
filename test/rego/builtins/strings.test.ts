import { call, callJSON } from './call';
import { RegoObject } from '../../../lib/rego/value';

describe('string builtins', () => {
  it('joins arrays and sets with concat and rejects non-string members', () => {
    expect(call('concat', '/', ['', 'foo', 'bar'])).toBe('/foo/bar');
    expect(callJSON('concat', ',', [])).toBe('');
    expect(() => call('concat', '/', [1])).toThrow('concat: operand 2 must be array of strings but got array containing number');
    expect(() => call('concat', '/', 'ab')).toThrow('operand 2 must be one of {set, array} but got string');
  });

  it('tests containment, prefixes and suffixes', () => {
    expect(call('contains', 'abcdefgh', 'defg')).toBe(true);
    expect(call('contains', 'abcdefgh', 'ac')).toBe(false);
    expect(call('startswith', 'abcdefgh', 'abcd')).toBe(true);
    expect(call('endswith', 'abcdefgh', 'fg')).toBe(false);
    expect(() => call('startswith', 1, 'a')).toThrow('startswith: operand 1 must be string but got number');
  });

  it('maps case per code point like Go (ß has no single-letter upper case)', () => {
    expect(call('upper', 'AbCß')).toBe('ABCß');
    expect(call('lower', 'ÀBC')).toBe('àbc');
  });

  it('splits, replaces and replaces many patterns with the first sorted pattern winning', () => {
    expect(callJSON('split', 'foo.bar.baz', '.')).toEqual(['foo', 'bar', 'baz']);
    expect(callJSON('split', '', '.')).toEqual(['']);
    expect(call('replace', 'foo...bar', '..', ',,')).toBe('foo,,.bar');
    expect(call('replace', 'ab', '', '-')).toBe('-a-b-');
    expect(call('strings.replace_n', new RegoObject([['f', 'x'], ['foo', 'xxx']]), 'foobar')).toBe('xoobar');
    expect(callJSON('strings.replace_n', { '<': '&lt;', '>': '&gt;' }, 'This is <b>HTML</b>!')).toBe('This is &lt;b&gt;HTML&lt;/b&gt;!');
    expect(() => callJSON('strings.replace_n', { f: 100 }, 'foo')).toThrow('strings.replace_n: operand 1 non-string value found in pattern object');
  });

  it('trims cutsets, prefixes, suffixes and Go white space', () => {
    expect(call('trim', '¡¡¡foo, bar!!!', '!¡')).toBe('foo, bar');
    expect(call('trim_left', '¡¡¡foo, bar!!!', '!¡')).toBe('foo, bar!!!');
    expect(call('trim_right', '¡¡¡foo, bar!!!', '!¡')).toBe('¡¡¡foo, bar');
    expect(call('trim_prefix', '¡¡¡foo, bar!!!', '¡¡¡foo')).toBe(', bar!!!');
    expect(call('trim_suffix', '¡¡¡foo, bar!!!', ', foo!!!')).toBe('¡¡¡foo, bar!!!');
    expect(call('trim_space', ' \t\n foo, bar \n\t\r\n')).toBe('foo, bar');
    expect(call('trim_space', '\ufefffoo')).toBe('\ufefffoo');
  });

  it('takes substrings by code point and rejects a negative offset', () => {
    expect(call('substring', 'abcdefgh', 2, 3)).toBe('cde');
    expect(call('substring', 'aåäö', 2, -1)).toBe('äö');
    expect(call('substring', 'åäö', 4, -1)).toBe('');
    expect(() => call('substring', 'aaa', -1, -1)).toThrow('substring: negative offset');
    expect(() => call('substring', 'aaa', 1.5, -1)).toThrow('operand 2 must be integer number but got floating-point number');
  });

  it('finds code point positions with indexof and indexof_n', () => {
    expect(call('indexof', 'skön var våren', 'vår')).toBe(9);
    expect(call('indexof', 'abcdefgh', 'xyz')).toBe(-1);
    expect(callJSON('indexof_n', '😇😀😇😀😇😀', '😀')).toEqual([1, 3, 5]);
    expect(() => call('indexof', 'abc', '')).toThrow('indexof: empty search character');
  });

  it('counts, reverses and formats integers', () => {
    expect(call('strings.count', 'hello hello hello world', 'hello')).toBe(3);
    expect(call('strings.reverse', '1😀𝛾')).toBe('𝛾😀1');
    expect(call('format_int', 15.5, 16)).toBe('f');
    expect(call('format_int', -5, 2)).toBe('-101');
    expect(() => call('format_int', 4.1, 199)).toThrow('operand 2 must be one of {2, 8, 10, 16}');
  });

  it('matches any prefix or suffix over strings, arrays and sets', () => {
    expect(callJSON('strings.any_prefix_match', ['a/b/c', 'e/f/g'], ['d/', 'e/f'])).toBe(true);
    expect(callJSON('strings.any_prefix_match', 'a/b/c', ['g/'])).toBe(false);
    expect(callJSON('strings.any_suffix_match', ['a/b/c'], '/c')).toBe(true);
    expect(() => callJSON('strings.any_suffix_match', [1], ['a'])).toThrow('operand 1 must be array of strings but got array containing number');
    expect(() => callJSON('strings.any_prefix_match', ['a'], 1)).toThrow('operand 2 must be one of {string, set, array} but got number');
  });
});
