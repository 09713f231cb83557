/**
 * What `not` negates: OPA's compiler lifts nested calls and reference arguments into literals of
 * their own before the negated one (compile.go: RewriteExprTerms, RewriteEquals, RewriteDynamicTerms),
 * so an undefined argument makes the whole body undefined instead of making `not` true.
 */
import { compile } from '../../lib/rego';

/** Values of `x` over the solutions of a query (a module is optional). */
function query(q: string, input?: unknown, module?: string): unknown[] {
  const policy = compile(module ? [{ path: 't.rego', text: module }] : []);
  return policy.eval(q, { input }).map((r) => r.expressions.map((e) => e.value));
}

/** Value of data.t.p for a module. */
function rule(text: string, input?: unknown): unknown {
  return compile([{ path: 't.rego', text }]).evaluate('data.t.p', input);
}

describe('negation as OPA rewrites it', () => {
  it('is undefined when a call argument is an undefined reference (the naive answer is true)', () => {
    expect(query('not startswith(input.missing, "x")', {})).toEqual([]);
    expect(rule('package t\np if not startswith(input.missing, "x")', {})).toBeUndefined();
    // With the argument defined, the call is what is negated.
    expect(rule('package t\np if not startswith(input.name, "x")', { name: "abc" })).toBe(true);
    expect(rule('package t\np if not startswith(input.name, "a")', { name: "abc" })).toBeUndefined();
  });

  it('is undefined when a user function gets an undefined argument', () => {
    const text = 'package t\nallowed(x) if x == "ok"\np if not allowed(input.missing)';
    expect(rule(text, {})).toBeUndefined();
    expect(rule(text, { missing: 'no' })).toBe(true);
  });

  it('lifts nested calls: `not object.get(null, "k", "d") == "d"` is undefined, not true', () => {
    // object.get(null, ...) fails its operand check, so the lifted call has no value.
    expect(query('not object.get(null, "k", "d") == "d"')).toEqual([]);
    expect(rule('package t\np if not object.get(null, "k", "d") == "d"')).toBeUndefined();
    expect(rule('package t\np if not object.get({}, "k", "d") == "e"')).toBe(true);
  });

  it('lifts references used as keys: `not o[input.missing]` is undefined', () => {
    expect(query('o := {"a": 1}; not o[input.missing]', {})).toEqual([]);
    expect(rule('package t\no := {"a": 1}\np if not o[input.key]', { key: 'b' })).toBe(true);
    expect(rule('package t\no := {"a": 1}\np if not o[input.key]', { key: 'a' })).toBeUndefined();
  });

  it('keeps `not ref == value` true in modules (== becomes =) but undefined as an ad-hoc query', () => {
    expect(rule('package t\np if not input.missing == "y"', {})).toBe(true);
    expect(query('not input.missing == "y"', {})).toEqual([]);
  });

  it('still negates a plain reference and a defined comparison', () => {
    expect(rule('package t\nq if false\np if not q')).toBe(true);
    expect(rule('package t\np if not input.flag', {})).toBe(true);
    expect(rule('package t\np if not input.n > 1', { n: 3 })).toBeUndefined();
  });

  it('iterates a lifted reference with a wildcard: some element makes the negation hold', () => {
    // Query: `equal` is a call, so `input.xs[_]` is lifted and iterated before `not`.
    expect(query('not input.xs[_] == 1', { xs: [1, 2] })).toEqual([[true]]);
    // Module: `==` is a unification, whose reference side stays inside the negation.
    expect(rule('package t\np if not input.xs[_] == 1', { xs: [1, 2] })).toBeUndefined();
  });
});
