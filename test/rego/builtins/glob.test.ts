import { call } from './call';

describe('glob builtins', () => {
  it('matches with default "." delimiters, none (null) and custom ones', () => {
    expect(call('glob.match', '*.github.com', [], 'api.github.com')).toBe(true);
    expect(call('glob.match', '*.github.com', [], 'api.cdn.github.com')).toBe(false);
    expect(call('glob.match', '**.github.com', [], 'api.cdn.github.com')).toBe(true);
    expect(call('glob.match', '*.github.com', null, 'api.cdn.github.com')).toBe(true);
    expect(call('glob.match', '*:github:com', [':'], 'api:github:com')).toBe(true);
    expect(call('glob.match', '?at', ['.'], 'cat')).toBe(true);
  });

  it('supports character classes, negation, alternatives and escapes', () => {
    expect(call('glob.match', '[a-z]', [], 'm')).toBe(true);
    expect(call('glob.match', '[a-z]', [], 'M')).toBe(false);
    expect(call('glob.match', '[!0-9]', [], '5')).toBe(false);
    expect(call('glob.match', '{a,{b,c}}', [], 'c')).toBe(true);
    expect(call('glob.match', '\\*', [], '*')).toBe(true);
    expect(call('glob.match', '[a\\-z]', [], '-')).toBe(true);
    expect(call('glob.match', '[a\\-z]', [], 'm')).toBe(false);
  });

  it('raises syntax errors and operand errors', () => {
    expect(() => call('glob.match', '[abc', [], 'a')).toThrow('glob.match: syntax error in pattern');
    expect(() => call('glob.match', '[z-a]', [], 'm')).toThrow('syntax error in pattern');
    expect(() => call('glob.match', '*', 'x', 'a')).toThrow('operand 2 must be one of {array, null} but got string');
    expect(() => call('glob.match', '*', ['ab'], 'a')).toThrow('operand 2 must be array of runes but got array containing string');
  });

  it('quotes metacharacters', () => {
    expect(call('glob.quote_meta', 'hello*world?[test]')).toBe('hello\\*world\\?\\[test\\]');
    expect(call('glob.match', call('glob.quote_meta', '*.{a}') as string, [], '*.{a}')).toBe(true);
  });
});
