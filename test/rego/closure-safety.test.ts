/**
 * Safety of `some x` with closures: a name the body declares with `some` but uses only inside
 * comprehensions is bound by each comprehension on its own, as OPA's compiler treats it.
 */
import { compile } from '../../lib/rego';

const build = (text: string) => compile([{ path: 't.rego', text }]);

describe('some-declared names used only in closures', () => {
  it('are safe, each comprehension binding its own (naively: var x is unsafe)', () => {
    const policy = build('package t\np := [a, b] if { some x; a := [x | x = [1, 2][_]]; b := {x | x = 3} }');
    expect(policy.evaluate('data.t.p')).toEqual([[1, 2], [3]]);
  });

  it('are still unsafe when the body itself needs a value for them', () => {
    expect(() => build('package t\np if { some x; y := [x | x = 1]; x > 0 }')).toThrow(/rego_unsafe_var_error: var x is unsafe/);
  });

  it('stay shared when the body binds them first', () => {
    expect(build('package t\np := y if { some x; x = 2; y := [x | true] }').evaluate('data.t.p')).toEqual([2]);
  });
});
