import { parseModule, parseQuery, parseTerm } from '../../lib/rego/parser';

function rules(text: string, version: 'v0' | 'v1' = 'v1') {
  const r = parseModule(text, 'm.rego', version);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.rules;
}

describe('Rego parser', () => {
  it('reads v1 rule forms: complete, contains, ref heads, functions, default, else', () => {
    const rs = rules(`package p
a := 1
b contains x if { some x in [1] }
c.d[k] := v if { k := "x"; v := 2 }
f(x) := x + 1
default g := false
h := 1 if false else := 2
`);
    expect(rs.map((r) => r.kind)).toEqual(['single', 'multi', 'single', 'function', 'single', 'single']);
    expect(rs[2].head.ref.map((t) => t.type)).toEqual(['scalar', 'scalar', 'var']);
    expect(rs[4].isDefault).toBe(true);
    expect(rs[5].else?.head.value).toMatchObject({ type: 'scalar', value: 2 });
  });

  it('reads v0 forms: bodies without if, p[x] partial sets, several bodies', () => {
    const rs = rules('package p\nq[x] { x := 1 }\nr { true } { false }\n', 'v0');
    expect(rs[0]).toMatchObject({ kind: 'multi', head: { key: { type: 'var', name: 'x' } } });
    expect(rs.filter((r) => (r.head.ref[0] as { value: string }).value === 'r')).toHaveLength(2);
  });

  it('enables future keywords in v0 only when imported', () => {
    expect(parseModule('package p\nx if { 1 in [1] }', 'm.rego', 'v0').ok).toBe(false);
    expect(parseModule('package p\nimport future.keywords.in\nimport future.keywords.if\nx if { 1 in [1] }', 'm.rego', 'v0').ok).toBe(true);
    expect(parseModule('package p\nimport rego.v1\nx if { every y in [1] { y > 0 } }', 'm.rego', 'v0').ok).toBe(true);
  });

  it('requires `if` before a v1 rule body and points at the brace', () => {
    const r = parseModule('package p\n\nallow {\n  true\n}', 'm.rego');
    expect(r).toEqual({ ok: false, errors: [{ code: 'rego_parse_error', message: '`if` keyword is required before rule body', location: { file: 'm.rego', line: 3, col: 7 } }] });
  });

  it('reports unexpected tokens with their position', () => {
    const r = parseModule('package p\nx := [1, 2', 'm.rego');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'rego_parse_error', location: { line: 2 } });
  });

  it('parses operators with OPA precedence and membership forms', () => {
    const q = parseQuery('x := 1 + 2 * 3 == 7; k, v in {"a": 1}');
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    expect(q.value[0]).toMatchObject({ kind: 'assign', right: { type: 'call', operator: '==', args: [{ type: 'call', operator: '+' }, { type: 'scalar', value: 7 }] } });
    expect(q.value[1]).toMatchObject({ kind: 'term', term: { type: 'call', args: [{ name: 'k' }, { name: 'v' }, { type: 'object' }] } });
  });

  it('tells comprehensions from collections that merely contain `|`', () => {
    const t = parseTerm('[[x | x := 1], [a | b, 4], {1 | 2}]');
    expect(t.ok && t.value.type === 'array' && t.value.items.map((i) => i.type)).toEqual(['arraycompr', 'array', 'setcompr']);
  });

  it('never throws on malformed input', () => {
    const text = 'package p\nimport rego.v1\nq contains x if { some x in input.xs; not startswith(x, "a") }\nf(x) := {k: v | some k, v in x}\n';
    for (let i = 0; i < text.length; i++) {
      expect(() => parseModule(text.slice(0, i), 'm.rego')).not.toThrow();
      expect(() => parseModule(text.slice(0, i) + '}]){' + text.slice(i), 'm.rego')).not.toThrow();
    }
    expect(() => parseTerm('['.repeat(100000))).not.toThrow();
  });
});
