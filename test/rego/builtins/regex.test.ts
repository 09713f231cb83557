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

describe('regex.globs_match (intersection of glob-like patterns)', () => {
  const intersecting: Array<[string, string]> = [
    ['a', 'a'],
    ['a*b', 'a*b'],
    ['.*', 'a.b'],
    ['[a-c]+', '[b-d]+'],
    ['a+', 'a*'],
    ['abcd', '[a-d]*'],
    ['pqrs', 'pq.s'],
    ['d*', 'd[a-z]+'],
    ['[a-p]+', 'abcdefgh*'],
    ['abcd[a-c]z+', 'abcd[b-d][yz]*'],
    ['.*\\\\', '.*'],
    ['.a.a', 'b.b.'],
    ['a.a.[0-9]+z', '.b.b2359825792*594823z'],
    ['[a-z]+\\[[0-9]+\\]', 'foo\\[1\\]'],
    ['a+a*', 'a'],
  ];
  const disjoint: Array<[string, string]> = [
    ['a', 'b'],
    ['[a-c]', '[d-f]'],
    ['abcd', 'abcdla'],
    ['[a-d]+', 'p+'],
    ['[0-9]*', '\\*'],
    ['mamama.*', 'dadada.*'],
    ['.*mamama', '.*nanana'],
    ['.xyz.', '.*pqr.*'],
    ['[a-z]+', '[0-9]*'],
    ['[a-z]+\\[[0-9]+\\]', 'foo["bar"]'],
  ];

  it.each(intersecting)('finds a common string for %s and %s', (left, right) => {
    expect(call('regex.globs_match', left, right)).toBe(true);
    expect(call('regex.globs_match', right, left)).toBe(true);
  });

  it.each(disjoint)('finds no common string for %s and %s', (left, right) => {
    expect(call('regex.globs_match', left, right)).toBe(false);
    expect(call('regex.globs_match', right, left)).toBe(false);
  });

  it("raises the library's messages for malformed patterns, positions counted in code points", () => {
    const invalid = ': the input provided is invalid';
    expect(() => call('regex.globs_match', '[abc', 'a')).toThrow(`regex.globs_match: input:[abc, pos:4, found [ without matching ]${invalid}`);
    expect(() => call('regex.globs_match', 'a', 'pqrs]')).toThrow(`input:pqrs], pos:5, set-close ']' with no preceding '['${invalid}`);
    expect(() => call('regex.globs_match', 'a\\', 'a')).toThrow(`input:a\\, pos:1, input ends with a \\ (escape) character${invalid}`);
    expect(() => call('regex.globs_match', '𝄞[z-a]', 'a')).toThrow(`input:𝄞[z-a], pos:5, range is out of order: 'a' comes before 'z' in Unicode${invalid}`);
    expect(() => call('regex.globs_match', '*a', 'a')).toThrow(`input:*a, pos:1, flag '*' must be preceded by a non-flag${invalid}`);
    expect(() => call('regex.globs_match', '[-a]', 'a')).toThrow("range character '-' must be preceded by a Unicode character");
    expect(() => call('regex.globs_match', '[a-]', 'a')).toThrow("range character '-' must be followed by a Unicode character");
    expect(() => call('regex.globs_match', '[a-]]', 'a')).toThrow("range character '-' cannot be followed by a special symbol");
    expect(() => call('regex.globs_match', 'a', 5)).toThrow('regex.globs_match: operand 2 must be string but got number');
  });
});
