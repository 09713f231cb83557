/**
 * The engine's shortcuts must not change results: direct evaluation of single-valued terms,
 * documents shared between evaluations with the same data, indexed iteration, hashed set members.
 * Strict mode turns indexed iteration off, so it serves as the full-scan reference.
 */
import { compile, type CompiledPolicy } from '../../lib/rego';
import { compileProgram } from '../../lib/rego/compiler';
import { inputIndependentNodes } from '../../lib/rego/compiler/dependencies';
import { RegoObject, RegoSet, fromJSON, toJSON } from '../../lib/rego/value';

const policy = (text: string, strict = false): CompiledPolicy => compile([{ path: 't.rego', text }], { strictBuiltinErrors: strict });

/** Objects like a combined input: enough of them for the index to be used. */
const items = Array.from({ length: 40 }, (_, i) => ({
  path: `f${i % 7}.yaml`,
  contents: { kind: ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'Role'][i % 4], metadata: { name: `n${Math.floor(i / 4) % 5}`, namespace: i % 3 === 0 ? 'a' : 'b' } },
}));

describe('indexed iteration', () => {
  const text = `package t
hpas := [i | some i, item in input; item.contents.kind == "HorizontalPodAutoscaler"]
pairs contains [i, j] if {
	some i, a in input
	a.contents.kind == "Deployment"
	some j, b in input
	b.contents.metadata.name == a.contents.metadata.name
	namespace(b.contents) == namespace(a.contents)
	b.contents.kind in {"Service", "Role"}
}
namespace(obj) := object.get(obj, ["metadata", "namespace"], "")
by_kind(kind) := [item.contents.metadata.name | some item in input; kind == item.contents.kind]
names := [by_kind("Role"), by_kind("Nothing")]
kinds_in_order := [item.contents.kind | some item in input; item.contents.kind in ["Role", "Service"]]
`;

  it('finds the same members, in the same order, as a full scan', () => {
    const indexed = policy(text);
    const scanned = policy(text, true);
    for (const ref of ['data.t.hpas', 'data.t.pairs', 'data.t.names', 'data.t.kinds_in_order']) {
      expect(indexed.evaluate(ref, items)).toEqual(scanned.evaluate(ref, items));
    }
    expect(indexed.evaluate('data.t.hpas', items)).toEqual([2, 6, 10, 14, 18, 22, 26, 30, 34, 38]);
    expect((indexed.evaluate('data.t.pairs', items) as unknown[]).length).toBeGreaterThan(0);
    expect(indexed.evaluate('data.t.names', items)).toEqual([['n0', 'n1', 'n2', 'n3', 'n4', 'n0', 'n1', 'n2', 'n3', 'n4'], []]);
  });

  it('treats a bound loop variable as a membership test', () => {
    const p = policy('package t\nfound if {\n\tx := input[3]\n\tsome x in input\n\tx.contents.kind == "Role"\n}');
    expect(p.evaluate('data.t.found', items)).toBe(true);
  });

  it('compares filter values with Rego equality (1 == 1.0) and matches collections', () => {
    const numbered = Array.from({ length: 20 }, (_, i) => ({ n: i % 5, tags: { t: i % 2 } }));
    const p = policy('package t\nones := [i | some i, x in input; x.n == 1.0]\ntagged := [i | some i, x in input; x.tags == {"t": 1}]');
    expect(p.evaluate('data.t.ones', numbered)).toEqual([1, 6, 11, 16]);
    expect(p.evaluate('data.t.tagged', numbered)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
  });

  it('honours function mocks (the index is not used under with)', () => {
    const p = policy(`package t
kind_of(x) := x.contents.kind
roles := count([1 | some item in input; kind_of(item) == "Role"])
mocked := r if { r := roles with kind_of as fake }
fake(_) := "Role"`);
    expect(p.evaluate('data.t.roles', items)).toBe(10);
    expect(p.evaluate('data.t.mocked', items)).toBe(40);
  });
});

describe('documents shared between evaluations', () => {
  const text = `package t
kinds := {k | some k in ["Deployment", "Job"]}
allowed := data.allowed
by_input := input.kind
uses_input(x) := x == input.kind
via_function := [k | some k in kinds; uses_input(k)]
printed if print("hello")
deny contains msg if {
	input.kind in kinds
	not input.image in allowed
	msg := sprintf("%s: %s", [input.kind, input.image])
}`;

  it('knows which documents read no input', () => {
    const program = compileProgram([{ path: 't.rego', text, regoVersion: 'v1' }]);
    const independent = inputIndependentNodes(program.tree);
    const names = (name: string) => independent.has(program.tree.find(['t', name])!);
    expect(['kinds', 'allowed'].map(names)).toEqual([true, true]);
    expect(['by_input', 'uses_input', 'via_function', 'printed', 'deny'].map(names)).toEqual([false, false, false, false, false]);
  });

  it('gives every input its own results with data bound once', () => {
    const bound = policy(text).withData({ allowed: ['ok:1'] });
    expect(bound.evaluate('data.t.deny', { kind: 'Job', image: 'bad:1' })).toEqual(['Job: bad:1']);
    expect(bound.evaluate('data.t.deny', { kind: 'Job', image: 'ok:1' })).toEqual([]);
    expect(bound.evaluate('data.t.via_function', { kind: 'Deployment' })).toEqual(['Deployment']);
    expect(bound.evaluate('data.t.via_function', { kind: 'Job' })).toEqual(['Job']);
    expect(bound.query('x := data.t.allowed', { data: { allowed: ['other'] } })).toEqual([{ x: ['other'] }]);
    expect(bound.evaluate('data.t.allowed')).toEqual(['ok:1']);
  });

  it('prints on every evaluation', () => {
    const p = policy(text).withData({});
    p.evaluate('data.t.printed', { a: 1 });
    p.evaluate('data.t.printed', { a: 2 });
    expect(p.printed()).toEqual(['hello']);
  });

  it('does not use shared documents when with replaces data', () => {
    const p = policy(`${text}\nswapped := k if { k := kinds with data.allowed as [] }\nfrom_data := a if { a := allowed with data.allowed as ["x"] }`).withData({ allowed: ['y'] });
    expect(p.evaluate('data.t.allowed', {})).toEqual(['y']);
    expect(p.evaluate('data.t.from_data', {})).toEqual(['x']);
  });
});

describe('set members', () => {
  it('are equal whether still plain JSON or converted, whatever the key order', () => {
    const plain = fromJSON({ a: 1, b: [1, { c: 'x' }] });
    const built = new RegoObject([['b', [1, new RegoObject([['c', 'x']])]], ['a', 1.0]]);
    const set = new RegoSet([plain]);
    expect(set.has(built)).toBe(true);
    expect(set.add(built)).toBe(false);
    expect(set.has(new RegoObject([['a', 2]]))).toBe(false);
  });

  it('are the same in a set of one, kept without a key, as in a larger set', () => {
    const finding = (rule: string) => new RegoObject([['rule', rule], ['msg', `${rule}: a message`]]);
    const one = new RegoSet();
    expect(one.add(finding('A'))).toBe(true);
    expect(one.add(fromJSON({ msg: 'A: a message', rule: 'A' }))).toBe(false);
    expect(one.size).toBe(1);
    expect(one.has(finding('A'))).toBe(true);
    expect(one.has(finding('B'))).toBe(false);
    expect(one.add(finding('B'))).toBe(true);
    expect(one.has(finding('A'))).toBe(true);
    expect(one.sorted().map(toJSON)).toEqual([toJSON(finding('A')), toJSON(finding('B'))]);
    expect(new RegoSet([1]).has(1.0)).toBe(true);
    expect(new RegoSet().sorted()).toEqual([]);
    expect(new RegoSet([finding('A')]).structuralHash()).toBe(new RegoSet([fromJSON({ rule: 'A', msg: 'A: a message' })]).structuralHash());
    expect(new RegoSet([new RegoSet([finding('A')])]).has(new RegoSet([fromJSON({ rule: 'A', msg: 'A: a message' })]))).toBe(true);
  });

  it('keep strings that start with control characters apart from collections', () => {
    const set = new RegoSet(['\u0001x', '\u0002', '', [1]]);
    expect(set.size).toBe(4);
    expect(set.has('\u0002')).toBe(true);
    expect(set.has([1])).toBe(true);
    expect(set.has('\u0000\u0001x')).toBe(false);
  });
});

describe('direct evaluation of single-valued terms', () => {
  it('iterates when a ref key has no value yet and evaluates directly when it has', () => {
    const p = policy('package t\nall := [v | v := input.m[_]]\none := input.m[input.k]\nparts := count(split(input.s, "/"))');
    expect(p.evaluate('data.t.all', { m: { a: 1, b: 2 } })).toEqual([1, 2]);
    expect(p.evaluate('data.t.one', { m: { a: 1 }, k: 'a' })).toBe(1);
    expect(p.evaluate('data.t.one', { m: { a: 1 }, k: 'z' })).toBeUndefined();
    expect(p.evaluate('data.t.parts', { s: 'a/b/c' })).toBe(3);
  });
});

describe('compiled program', () => {
  /** Every term and literal of the compiled rules, walked through their fields. */
  function nodes(program: ReturnType<typeof compileProgram>): { terms: object[]; literals: object[] } {
    const terms: object[] = [];
    const literals: object[] = [];
    const seen = new Set<object>();
    const visit = (x: unknown): void => {
      if (x === null || typeof x !== 'object' || seen.has(x) || x instanceof RegoObject || x instanceof RegoSet) return;
      seen.add(x);
      if (Array.isArray(x)) return x.forEach(visit);
      const record = x as Record<string, unknown>;
      if (typeof record.t === 'string') terms.push(record);
      if (typeof record.kind === 'string' && 'negated' in record) literals.push(record);
      for (const [key, value] of Object.entries(record)) if (key !== 'builtin' && key !== 'loc' && key !== 'v') visit(value);
    };
    for (const rule of program.rules) visit(rule);
    return { terms, literals };
  }

  it('builds every term with the same fields in the same order, and every literal too', () => {
    const program = compileProgram([
      {
        path: 't.rego',
        regoVersion: 'v1',
        text: `package t
import rego.v1
p contains x if { some x in input.items; x > 1; not x == 3 }
q := {"a": [1, input.b], "s": {2}} if input.c
r[k] := v if { some k, v in input.m; every y in v { y != "" } }
f(a, b) := concat(".", [a, b]) if startswith(a, "x")
g := [y | y := input.n[_]; f(y, "z") == "q"] if true
h := {k: 1 | some k in input.keys} if true
`,
      },
    ]);
    const { terms, literals } = nodes(program);
    expect(terms.length).toBeGreaterThan(30);
    expect(new Set(terms.map((t) => Object.keys(t).join(','))).size).toBe(1);
    expect(new Set(literals.map((e) => Object.keys(e).join(','))).size).toBe(1);
  });

  it('keeps string constants equal to what the policy wrote', () => {
    const p = policy('package t\nimport rego.v1\nkeys := ["spec", "ünïcode", "0", "__proto__", ""]\nv := input.spec["__proto__"]');
    expect(p.evaluate('data.t.keys')).toEqual(['spec', 'ünïcode', '0', '__proto__', '']);
    expect(p.evaluate('data.t.v', JSON.parse('{"spec": {"__proto__": 7}}'))).toBe(7);
  });
});

describe('builtin shortcuts', () => {
  it('prints integers with sprintf as Go does, with and without flags', () => {
    const p = policy('package t\nr := [sprintf("%d", [-5]), sprintf("%+d", [5]), sprintf("%5d|", [5]), sprintf("%-5d|", [-5]), sprintf("%05d", [-5]), sprintf("% d", [7]), sprintf("%.3d", [7]), sprintf("%v", [12]), sprintf("%d", [123456789012345678901234567890]), sprintf("%x", [255])]\n');
    expect(p.evaluate('data.t.r')).toEqual(['-5', '+5', '    5|', '-5   |', '-0005', ' 7', '007', '12', '123456789012345678901234567890', 'ff']);
  });

  it('unites with an empty set without changing either operand', () => {
    const p = policy('package t\na := {1}\nb := a | set()\nc := set() | b\nd := c | {2}\nr := [a, b, c, d]\n');
    expect(p.evaluate('data.t.r')).toEqual([[1], [1], [1], [1, 2]]);
  });

  it('unites sets of sets however many of them are empty', () => {
    const p = policy('package t\na := {1}\nr := [union(set()), union({set()}), union({set(), a}), union({a, {2}, set()}), a]\n');
    expect(p.evaluate('data.t.r')).toEqual([[], [], [1], [1, 2], [1]]);
  });
});
