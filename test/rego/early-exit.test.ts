/**
 * OPA's early exit (ast/index.go, topdown/eval.go): when every definition of a complete rule or
 * function (else branches included) has the same constant value, evaluation stops at the first
 * solution, so later iterations neither print nor raise errors.
 */
import { compile } from '../../lib/rego';

function evaluate(text: string, ref: string, strict = false): { value: unknown; printed: string[] } {
  const policy = compile([{ path: 't.rego', text }], { strictBuiltinErrors: strict });
  const value = policy.evaluate(ref);
  return { value, printed: policy.printed() };
}

describe('early exit of constant-valued rules', () => {
  it('stops a complete rule at its first solution (naively every iteration prints)', () => {
    expect(evaluate('package t\np if { some x in [1, 2, 3]; print(x) }', 'data.t.p')).toEqual({ value: true, printed: ['1'] });
  });

  it('does not stop when the value depends on the solution', () => {
    expect(evaluate('package t\np := x if { some x in [1, 1, 1]; print(x) }', 'data.t.p')).toEqual({ value: 1, printed: ['1', '1', '1'] });
  });

  it('avoids strict-mode errors of later iterations', () => {
    const text = 'package t\np if { some x in [1, 0]; 10 / x > 0 }';
    expect(evaluate(text, 'data.t.p', true).value).toBe(true);
    expect(() => evaluate('package t\np := y if { some x in [1, 0]; y := 10 / x }', 'data.t.p', true)).toThrow(/divide by zero/);
  });

  it('applies to functions with one constant result', () => {
    expect(evaluate('package t\nf(xs) if { some x in xs; print(x) }\np := f([1, 2])', 'data.t.p')).toEqual({ value: true, printed: ['1'] });
  });

  it('keeps reporting conflicts when definitions differ (else values count)', () => {
    expect(() => evaluate('package t\nq if { false } else := true\nq if { false } else := false\np := q', 'data.t.p')).toThrow(/complete rules must not produce multiple outputs/);
  });
});
