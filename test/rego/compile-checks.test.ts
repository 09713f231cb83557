/**
 * Errors OPA raises at compile time (ast/parser.go, ast/compile.go, ast/check.go) that a naive
 * engine would turn into undefined results or silently accept.
 */
import { compile } from '../../lib/rego';

const build = (text: string) => compile([{ path: 't.rego', text }]);
const p = (text: string, input?: unknown): unknown => build(text).evaluate('data.t.p', input);

describe('compile-time checks as in OPA', () => {
  it('a nested call with one argument too many is "too many arguments" (a literal\'s own call may take its output)', () => {
    expect(() => build('package t\np := abs(-9, 9) + 1')).toThrow(/t\.rego:2:6: rego_type_error: abs: too many arguments/);
    expect(() => build('package t\np if { x := abs(-9, 9) }')).toThrow(/abs: too many arguments/);
    expect(p('package t\np := x if { abs(-9, x) }')).toBe(9);
  });

  it('literal arrays and objects of different shapes are a match error, not an undefined result', () => {
    expect(() => build('package t\np if { [1, x] = [1, 2, 3] }')).toThrow(/rego_type_error: match error: cannot unify an array of 2 items with an array of 3 items/);
    expect(() => build('package t\np if { [[x], 1] := [[1, 2], 1] }')).toThrow(/match error/);
    expect(() => build('package t\np if { {"a": x} = {"b": 1} }')).toThrow(/match error: cannot unify an object with keys \{"a"\} with an object with keys \{"b"\}/);
    expect(p('package t\np := x if { [1, x] = [1, 2] }')).toBe(2);
  });

  it('a local declared twice in one body is an error; a closure may declare its own', () => {
    expect(() => build('package t\np if { x := 1; x := 2 }')).toThrow(/t\.rego:2:16: rego_compile_error: var x assigned above/);
    expect(() => build('package t\np if { some x; some x; x = 1 }')).toThrow(/var x declared above/);
    expect(p('package t\np := y if { x := 1; y := [x | x := 2] }')).toEqual([2]);
  });

  it('default values must be constants', () => {
    expect(() => build('package t\ndefault p := input.x')).toThrow(/rego_parse_error: illegal default rule \(value cannot contain ref\)/);
    expect(() => build('package t\ndefault p := count([1])')).toThrow(/value cannot contain call/);
    expect(() => build('package t\ndefault p := [x]')).toThrow(/value cannot contain var/);
    expect(p('package t\ndefault p := {"a": [1, {2}]}')).toEqual({ a: [1, [2]] });
    expect(p('package t\ndefault p := [x | x := 1]')).toEqual([1]);
  });

  it('unary minus applies to number literals and references only', () => {
    expect(() => build('package t\np := -(1 + 2)')).toThrow(/rego_parse_error: unexpected "\(": expected number/);
    expect(() => build('package t\np := -true')).toThrow(/expected number/);
    expect(p('package t\np := -input.n', { n: 2 })).toBe(-2);
    expect(p('package t\np := -1.5')).toBe(-1.5);
  });

  it('comprehension heads are single terms: [q & {1} | {true}] is an array, {1 | 1} a set comprehension', () => {
    expect(p('package t\nq := {1, 2}\np := [q & {1} | {true}]')).toEqual([[true, 1]]);
    expect(p('package t\np := {1 | 1}')).toEqual([1]);
    expect(() => build('package t\np := [x + 1 | some x in [1]]')).toThrow(/rego_parse_error/);
    expect(p('package t\np := {k: v | some k, v in {"a": 1}}')).toEqual({ a: 1 });
  });
});
