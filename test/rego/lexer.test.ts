import { lex } from '../../lib/rego/lexer';

describe('Rego lexer', () => {
  it('gives tokens with 1-based lines and columns and marks newlines', () => {
    const { tokens, errors } = lex('package a\n  p := 1', 'a.rego');
    expect(errors).toEqual([]);
    const p = tokens.find((t) => t.text === 'p')!;
    expect([p.line, p.col, p.newlineBefore]).toEqual([2, 3, true]);
    expect(tokens.map((t) => t.text)).toEqual(['package', 'a', 'p', ':=', '1', '']);
  });

  it('decodes JSON string escapes and keeps raw strings as written', () => {
    const { tokens } = lex('"a\\n\\u00e9\\"" `x\\n`', 'a.rego');
    expect(tokens[0].value).toBe('a\né"');
    expect(tokens[1].value).toBe('x\\n');
  });

  it('skips comments but records the space they take', () => {
    const { tokens } = lex('a # comment\nb', 'a.rego');
    expect(tokens.map((t) => t.text)).toEqual(['a', 'b', '']);
    expect(tokens[1].newlineBefore).toBe(true);
  });

  it('reports bad escapes, unterminated strings and illegal characters with their place', () => {
    expect(lex('"a\\q"', 'f').errors[0]).toMatchObject({ code: 'rego_parse_error', message: 'illegal escape sequence in string', location: { line: 1, col: 3 } });
    expect(lex('x := "abc', 'f').errors[0].message).toBe('non-terminated string');
    expect(lex('x := 1 ^ 2', 'f').errors[0]).toMatchObject({ message: 'illegal token "^"', location: { col: 8 } });
  });
});
