import { call, callJSON } from './call';

const v = (value: string) => ({ type: 'var', value });
const s = (value: string) => ({ type: 'string', value });
const ref = (...value: unknown[]) => ({ type: 'ref', value });
const op = (name: string) => ref(v(name));

describe('rego.parse_module', () => {
  it('renders package, imports and rules as OPA’s AST JSON', () => {
    const text = 'package example.authz\n\nimport data.lib.util as u\n\ndefault allow := false\n\nallow if {\n  input.user == "admin"\n  not u.blocked[input.user]\n}\n';
    expect(callJSON('rego.parse_module', 'x.rego', text)).toEqual({
      package: { path: [v('data'), s('example'), s('authz')] },
      imports: [{ path: ref(v('data'), s('lib'), s('util')), alias: 'u' }],
      rules: [
        { default: true, head: { name: 'allow', ref: [v('allow')], value: { type: 'boolean', value: false }, assign: true }, body: [{ index: 0, terms: { type: 'boolean', value: true } }] },
        {
          head: { name: 'allow', ref: [v('allow')], value: { type: 'boolean', value: true } },
          body: [
            { index: 0, terms: [op('equal'), ref(v('input'), s('user')), s('admin')] },
            { index: 1, negated: true, terms: ref(v('u'), s('blocked'), ref(v('input'), s('user'))) },
          ],
        },
      ],
    });
  });

  it('renders multi-value rules, functions, calls, some/every, comprehensions, with and comments', () => {
    const text = [
      'package p',
      '# note',
      'deny contains msg if {',
      '  some c in input.containers',
      '  x := [n | n := c.ports[_]]',
      '  count(x) > 1',
      '  every y in x { y > 0 }',
      '  msg := sprintf("%v", [c.name]) with input as {}',
      '}',
      'f(a) := a + 1',
    ].join('\n');
    const m = callJSON('rego.parse_module', 'p.rego', text) as { rules: any[]; comments: any[] };
    expect(m.comments).toEqual([{ Text: Buffer.from(' note').toString('base64'), Location: { file: 'p.rego', row: 2, col: 1, text: Buffer.from('# note').toString('base64') } }]);
    const [deny, f] = m.rules;
    expect(deny.head).toEqual({ name: 'deny', ref: [v('deny')], key: v('msg') });
    expect(deny.body[0].terms).toEqual({ symbols: [{ type: 'call', value: [ref(v('internal'), s('member_2')), v('c'), ref(v('input'), s('containers'))] }] });
    expect(deny.body[1].terms[0]).toEqual(op('assign'));
    expect(deny.body[1].terms[2]).toEqual({ type: 'arraycomprehension', value: { term: v('n'), body: [{ index: 0, terms: [op('assign'), v('n'), ref(v('c'), s('ports'), v('$0'))] }] } });
    expect(deny.body[2].terms).toEqual([op('gt'), { type: 'call', value: [op('count'), v('x')] }, { type: 'number', value: 1 }]);
    expect(deny.body[3].terms).toMatchObject({ key: null, value: v('y'), domain: v('x') });
    expect(deny.body[4].with).toEqual([{ target: v('input'), value: { type: 'object', value: [] } }]);
    expect((callJSON('rego.parse_module', 'o.rego', 'package o\np := {"b": 1, "a": {3, 1}}\n') as any).rules[0].head.value).toEqual({
      type: 'object',
      value: [[s('a'), { type: 'set', value: [{ type: 'number', value: 1 }, { type: 'number', value: 3 }] }], [s('b'), { type: 'number', value: 1 }]],
    });
    expect(f.head).toEqual({ name: 'f', ref: [v('f')], args: [v('a')], value: { type: 'call', value: [op('plus'), v('a'), { type: 'number', value: 1 }] }, assign: true });
  });

  it('fails on parse errors and on what it cannot render faithfully', () => {
    expect(() => call('rego.parse_module', 'bad.rego', 'package')).toThrow(/rego.parse_module: 1 error occurred: bad.rego:1: rego_parse_error: /);
    expect(() => call('rego.parse_module', 'm.rego', '# METADATA\n# title: x\npackage m\n')).toThrow('METADATA annotations cannot be rendered');
    expect(() => call('rego.parse_module', 'm.rego', 'package m\np := -input.x\n')).toThrow('unary minus on a non-literal');
    expect(() => call('rego.parse_module', 'm.rego', 'package m\np := {x}\n')).toThrow('set members that are not scalars');
    expect(() => call('rego.parse_module', 'm.rego', 1)).toThrow('rego.parse_module: operand 1 must be string but got number');
  });
});
