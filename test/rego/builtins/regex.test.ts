import { call, callJSON } from './call';

describe('regex builtins (Go RE2 semantics)', () => {
  it('matches anywhere in the text, with Go flag groups and anchors', () => {
    expect(call('regex.match', '^[a-z]+\\[[0-9]+\\]$', 'foo[1]')).toBe(true);
    expect(call('regex.match', '(?i)^ABC$', 'abc')).toBe(true);
    expect(call('regex.match', 'a(?i)b', 'AB')).toBe(false);
    expect(call('regex.match', 'a(?i)b', 'aB')).toBe(true);
    expect(call('regex.match', '^b$', 'a\nb')).toBe(false);
    expect(call('regex.match', '(?m)^b$', 'a\nb')).toBe(true);
    expect(call('regex.match', 'a.c', 'a\rc')).toBe(true);
    expect(call('regex.match', 'a\\sc', 'a\u00a0c')).toBe(false);
    expect(call('regex.match', '\\Qa.b\\E', 'axb')).toBe(false);
    expect(call('re_match', 'x{', 'ax{')).toBe(true);
  });

  it('raises Go parse errors for invalid or unsupported syntax', () => {
    expect(() => call('regex.match', '[', 'x')).toThrow('regex.match: error parsing regexp: missing closing ]: `[`');
    expect(() => call('regex.match', '(?=a)', 'x')).toThrow('invalid or unsupported Perl syntax: `(?=`');
    expect(() => call('regex.match', '\\1', 'x')).toThrow('invalid escape sequence: `\\1`');
    expect(() => call('regex.match', 'a**', 'x')).toThrow('invalid nested repetition operator: `**`');
  });

  it('validates patterns without raising', () => {
    expect(call('regex.is_valid', '.+')).toBe(true);
    expect(call('regex.is_valid', '++')).toBe(false);
    expect(call('regex.is_valid', 10)).toBe(false);
  });

  it('finds matches and submatches, skipping empty matches right after a match', () => {
    expect(callJSON('regex.find_n', 'a.', 'paranormal', -1)).toEqual(['ar', 'an', 'al']);
    expect(callJSON('regex.find_n', 'a.', 'paranormal', 2)).toEqual(['ar', 'an']);
    expect(callJSON('regex.find_n', 'a*', 'baaac', -1)).toEqual(['', 'aaa', '']);
    expect(callJSON('regex.find_all_string_submatch_n', '(a)(x)?', 'aa', -1)).toEqual([['a', 'a', ''], ['a', 'a', '']]);
    expect(callJSON('regex.find_all_string_submatch_n', '(?:)', 'café', -1)).toHaveLength(5);
    expect(() => callJSON('regex.find_n', 'a', 'a', 1.5)).toThrow('operand 3 must be integer number but got floating-point number');
  });

  it('splits like Go Regexp.Split', () => {
    expect(callJSON('regex.split', 'a', 'banana')).toEqual(['b', 'n', 'n', '']);
    expect(callJSON('regex.split', 'z+', 'pizza')).toEqual(['pi', 'a']);
    expect(callJSON('regex.split', 'x', '')).toEqual(['']);
  });

  it('replaces with Go template expansion', () => {
    expect(call('regex.replace', '-wy-wxxy-', 'w(x*)y', '0')).toBe('-0-0-');
    expect(call('regex.replace', 'foo', '(foo)', '$1$1')).toBe('foofoo');
    expect(call('regex.replace', 'foo', '(?P<x>o)', '[${x}]')).toBe('f[o][o]');
    expect(call('regex.replace', 'ab', 'b', '$1x')).toBe('a');
    expect(call('regex.replace', 'baaac', 'a*', 'X')).toBe('XbXcX');
  });

  it('matches templates with delimited regular expressions', () => {
    expect(call('regex.template_match', 'urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}')).toBe(true);
    expect(call('regex.template_match', 'urn:foo.bar:{[a-z]+}', 'urn:fooxbar:baz', '{', '}')).toBe(false);
    expect(() => call('regex.template_match', 'x', 'x', '{{', '}')).toThrow('start delimiter has to be exactly one character long but is 2 long');
  });
});
