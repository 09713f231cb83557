/**
 * `f() = v { ... }` has no parameters: OPA parses it as an ordinary single-value rule named f,
 * in `data`, referenced as `f`. A call `f()` passes OPA's type checker only when the rule's value
 * has type `any` (then it evaluates the rule); otherwise it is "undefined function".
 */
import { compile } from '../../lib/rego';

const v0 = (text: string, ref: string, input?: unknown): unknown => compile([{ path: 't.rego', text }], { regoVersion: 'v0' }).evaluate(ref, input);
const v1 = (text: string, ref: string, input?: unknown): unknown => compile([{ path: 't.rego', text }]).evaluate(ref, input);

describe('zero-argument rule heads', () => {
  it('are rules in data, referenced without parentheses (the naive reading makes them functions)', () => {
    const text = 'package t\nreview() = {"kind": "Pod"} { true }\np { review.kind == "Pod" }';
    expect(v0(text, 'data.t.review')).toEqual({ kind: 'Pod' });
    expect(v0(text, 'data.t.p')).toBe(true);
  });

  it('keep else chains and := heads', () => {
    expect(v1('package t\nf() := 1 if { false } else := 2', 'data.t.f')).toBe(2);
    expect(v1('package t\nf() := 1 if { true } else := 2', 'data.t.f')).toBe(1);
  });

  it('can be called as f() when the value may be anything (input), as OPA accepts', () => {
    const text = 'package t\nname() := input.name\np := name()';
    expect(v1(text, 'data.t.p', { name: 'web' })).toBe('web');
    expect(v1(text, 'data.t.p', {})).toBeUndefined();
  });

  it('rejects f() of a rule whose value is a constant, with OPA\'s type error', () => {
    expect(() => compile([{ path: 't.rego', text: 'package t\nf() := 1\np := f()' }])).toThrow(/t\.rego:3:6: rego_type_error: undefined function data\.t\.f/);
    expect(() => compile([{ path: 't.rego', text: 'package t\nf := 1\np := f()' }])).toThrow(/undefined function data\.t\.f/);
  });
});
