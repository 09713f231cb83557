import { compile } from '../../lib/rego';

function run(text: string, query: string, input?: unknown, data?: unknown): unknown[] {
  return compile([{ path: 't.rego', text }], { data }).query(query, { input }).map((b) => b.x);
}
const value = (text: string, ref = 'data.t.p', input?: unknown): unknown => compile([{ path: 't.rego', text }]).evaluate(ref, input);

describe('Rego language semantics', () => {
  it('complete rules: defined value, undefined when no body holds, conflict on two values', () => {
    expect(value('package t\np := 1 if input.a')).toBeUndefined();
    expect(value('package t\np := 1 if input.a', 'data.t.p', { a: true })).toBe(1);
    expect(() => value('package t\np := 1\np := 2')).toThrow(/complete rules must not produce multiple outputs/);
  });

  it('keeps false apart from undefined', () => {
    expect(value('package t\np := false')).toBe(false);
    expect(run('package t\np := false', 'data.t.p')).toEqual([]);
    expect(run('package t\np := false', 'x := data.t.p')).toEqual([false]);
  });

  it('partial sets (contains and v0 p[x]) and partial objects', () => {
    expect(value('package t\np contains x if some x in [3, 1, 3]')).toEqual([1, 3]);
    expect(compile([{ path: 't.rego', text: 'package t\np[x] { x := [1][_] }' }], { regoVersion: 'v0' }).evaluate('data.t.p')).toEqual([1]);
    expect(value('package t\np[k] := v if some k, v in {"a": 1}')).toEqual({ a: 1 });
    expect(() => value('package t\np[k] := v if { k := "a"; v := [1, 2][_] }')).toThrow(/object keys must be unique/);
  });

  it('ref heads build nested objects and merge with sibling rules', () => {
    expect(value('package t\np.q.r := 1\np.q[s] := 2 if s := "s"')).toEqual({ q: { r: 1, s: 2 } });
  });

  it('functions: multiple definitions, else, default, and conflicts', () => {
    const text = 'package t\nf(x) := "pos" if x > 0\nf(x) := "neg" if x < 0\ndefault f(_) := "zero"\ng(x) := 1 if x else := 2\nh(_) := 1\nh(_) := 2';
    expect(run(text, 'x := [data.t.f(1), data.t.f(-1), data.t.f(0), data.t.g(false)]')).toEqual([['pos', 'neg', 'zero', 2]]);
    expect(() => run(text, 'x := data.t.h(1)')).toThrow(/functions must not produce multiple outputs/);
  });

  it('default and else chains', () => {
    expect(value('package t\ndefault p := "d"\np := "y" if input.y')).toBe('d');
    expect(value('package t\np := 1 if input.a else := 2 if input.b else := 3', 'data.t.p', { b: true })).toBe(2);
  });

  it('some, every, in and not', () => {
    const text = 'package t\nall_pos if every x in input.xs { x > 0 }\nhas_two if 2 in input.xs\nno_neg if not neg\nneg if { some x in input.xs; x < 0 }';
    expect(run(text, 'x := [data.t.all_pos, data.t.has_two, data.t.no_neg]', { xs: [1, 2] })).toEqual([[true, true, true]]);
    expect(run(text, 'x := data.t.all_pos', { xs: [1, -2] })).toEqual([]);
    expect(run(text, 'x := data.t.no_neg', { xs: [1, -2] })).toEqual([]);
  });

  it('comprehensions, unification and set operators', () => {
    expect(run('package t', 'x := {z | some y in [1, 2]; z := y * 2}')).toEqual([[2, 4]]);
    expect(run('package t', 'x := {k: count(v) | some k, v in {"a": [1], "b": []}}')).toEqual([{ a: 1, b: 0 }]);
    expect(run('package t', '[x, 2] = [1, y]')).toEqual([1]);
    expect(run('package t', 'x := ({1, 2} | {3}) - {1} & {2, 3}')).toEqual([[2, 3]]);
  });

  it('with replaces input, data and functions for one expression', () => {
    const text = 'package t\np := input.a\nq := y if y := data.t.p with input.a as 5\nf(x) := x\nr := y if y := f(1) with f as 7\ns := y if y := count([1]) with count as 9';
    expect(run(text, 'x := [data.t.q, data.t.r, data.t.s]')).toEqual([[5, 7, 9]]);
    expect(run(text, 'x := data.t.p')).toEqual([]);
  });

  it('merges virtual documents with base data', () => {
    expect(run('package a.b\nc := 1', 'x := data.a', undefined, { a: { z: 2 } })).toEqual([{ b: { c: 1 }, z: 2 }]);
  });

  it('collects print output, <undefined> for undefined operands', () => {
    const p = compile([{ path: 't.rego', text: 'package t\np if { print("hi", input.missing, 1) }' }]);
    expect(p.evaluate('data.t.p')).toBe(true);
    expect(p.printed()).toEqual(['hi <undefined> 1']);
  });

  it('stops runaway evaluation with a clear limit error', () => {
    const p = compile([{ path: 't.rego', text: 'package t\np := count([x | some a in numbers.range(1, 300); some b in numbers.range(1, 300); x := a * b])' }], { maxSteps: 10_000 });
    expect(() => p.evaluate('data.t.p')).toThrow(/eval_limit_error: evaluation exceeded 10000 steps/);
  });

  it('raises builtin errors only when strict', () => {
    const text = 'package t\np := 1 / 0';
    expect(compile([{ path: 't.rego', text }]).evaluate('data.t.p')).toBeUndefined();
    expect(() => compile([{ path: 't.rego', text }], { strictBuiltinErrors: true }).evaluate('data.t.p')).toThrow(/eval_builtin_error: div: divide by zero/);
  });
});
