import { RegoError, formatOpaStyle, renderError } from '../../lib/rego/errors';

describe('Rego errors', () => {
  const sources = new Map([['p.rego', 'package p\n\nallow if {\n  x > 1\n}\n']]);

  it('renders file:line:col, the code, the source line and a caret under the column', () => {
    const text = renderError({ code: 'rego_unsafe_var_error', message: 'var x is unsafe', location: { file: 'p.rego', line: 4, col: 3 } }, sources);
    expect(text).toBe('p.rego:4:3: rego_unsafe_var_error: var x is unsafe\n    x > 1\n    ^');
  });

  it("formats one error like OPA's own messages", () => {
    expect(formatOpaStyle({ code: 'eval_type_error', message: 'count: operand 1 must be ...', location: { file: 't.rego', line: 4, col: 2 } })).toBe('t.rego:4: eval_type_error: count: operand 1 must be ...');
  });

  it('lists every error, sorted by place, in the message of a RegoError', () => {
    const e = new RegoError([
      { code: 'rego_type_error', message: 'b', location: { file: 'p.rego', line: 4, col: 1 } },
      { code: 'rego_type_error', message: 'a', location: { file: 'p.rego', line: 3, col: 1 } },
    ]);
    expect(e.message.split('\n')).toEqual(['2 errors occurred:', 'p.rego:3:1: rego_type_error: a', 'p.rego:4:1: rego_type_error: b']);
    expect(e.code).toBe('rego_type_error');
  });
});
