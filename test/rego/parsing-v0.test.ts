/**
 * Rego v0 parsing as OPA's parser does it: a lone name is no rule ("var cannot be used for rule
 * name", which is also what v1-only syntax gives without its imports), and `import rego.v1` turns
 * the v1 rules on for the rest of the module.
 */
import { compile } from '../../lib/rego';

const v0 = (text: string) => compile([{ path: 't.rego', text }], { regoVersion: 'v0' });

describe('Rego v0 parsing', () => {
  it('rejects a bare name instead of defining a rule that is true', () => {
    expect(() => v0('package t\nfoo\n')).toThrow(/t\.rego:2:1: rego_parse_error: var cannot be used for rule name/);
  });

  it('rejects v1-only syntax without imports instead of making rules deny, contains, msg and if', () => {
    expect(() => v0('package t\ndeny contains msg if { msg := "x" }')).toThrow(/var cannot be used for rule name/);
    expect(v0('package t\nimport future.keywords\ndeny contains msg if { msg := "x" }').evaluate('data.t.deny')).toEqual(['x']);
  });

  it('applies the v1 rules after import rego.v1: if required, deprecated builtins rejected', () => {
    expect(() => v0('package t\nimport rego.v1\np { true }')).toThrow(/`if` keyword is required before rule body/);
    expect(v0('package t\nimport rego.v1\np if { true }').evaluate('data.t.p')).toBe(true);
    expect(() => v0('package t\nimport rego.v1\np := any([true])')).toThrow(/deprecated built-in function calls in expression: any/);
    expect(v0('package t\np := any([true])').evaluate('data.t.p')).toBe(true);
  });

  it('applies the v1 shadowing checks after import rego.v1 (plain v0 accepts both)', () => {
    expect(() => v0('package t\nimport rego.v1\nimport data.a\nimport data.a\np := 1')).toThrow(/t\.rego:4:1: rego_compile_error: import must not shadow import data\.a/);
    expect(() => v0('package t\nimport rego.v1\ninput := 1')).toThrow(/rules must not shadow input \(use a different rule name\)/);
    expect(v0('package t\nimport data.a\nimport data.a\np = 1').evaluate('data.t.p')).toBe(1);
    expect(v0('package t\ninput = 1').evaluate('data.t.input')).toBe(1);
  });

  it('reads p[x] { } as a partial set in v0 but as an object key with import rego.v1', () => {
    expect(v0('package t\np[x] { x := "a" }').evaluate('data.t.p')).toEqual(['a']);
    expect(v0('package t\nimport rego.v1\np[x] if { x := "a" }').evaluate('data.t.p')).toEqual({ a: true });
  });
});
