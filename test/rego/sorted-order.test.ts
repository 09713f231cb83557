/** Sets and object keys come in OPA's sorted term order wherever order shows (OPA's ast sorts them). */
import { compile } from '../../lib/rego';

const q = (query: string): unknown => compile([]).query(query)[0]?.x;

describe('OPA term order of sets and objects', () => {
  it('builtins see set members sorted (insertion order would give "world, Hello")', () => {
    expect(q('x := concat(", ", {"world", "Hello"})')).toBe('Hello, world');
    expect(q('x := concat(",", {"b", "a"} | {"c"})')).toBe('a,b,c');
  });

  it('comprehensions over sets and objects iterate in sorted order', () => {
    expect(q('x := [m | some m in {"b", "a", "c"}]')).toEqual(['a', 'b', 'c']);
    expect(q('x := [k | some k, _ in {"z": 1, "a": 2}]')).toEqual(['a', 'z']);
    expect(q('x := [m | some m in {3, "a", true, null}]')).toEqual([null, true, 3, 'a']);
  });

  it('print and sprintf show sets sorted', () => {
    const policy = compile([]);
    policy.eval('print({"b", 1, "a"})');
    expect(policy.printed()).toEqual(['{1, "a", "b"}']);
    expect(q('x := sprintf("%v", [{"b", "a"}])')).toBe('{"a", "b"}');
  });
});
